package dev.gitlablink.gitlab;

/**
 * Where {@link GitLabClient} gets the bearer token for one linked account: the token package supplies
 * it (refreshing when near expiry), so callers never handle tokens themselves.
 */
public interface AccessTokenSource {

    /** Base URL of the account's GitLab instance. */
    String instanceUrl();

    /** An access token expected to be valid now. */
    String accessToken();

    /** A new access token after GitLab answered 401 to {@code rejectedAccessToken}. */
    String renewAfterRejection(String rejectedAccessToken);
}
