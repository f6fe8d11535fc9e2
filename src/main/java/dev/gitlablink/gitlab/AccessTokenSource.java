package dev.gitlablink.gitlab;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * Where {@link GitLabClient} gets the bearer token for one linked account: the token package supplies
 * it (refreshing when near expiry), so callers never handle tokens themselves. A token that needs no
 * refresh is there at once; a refresh runs off the I/O thread.
 */
public interface AccessTokenSource {

    /** Base URL of the account's GitLab instance. */
    String instanceUrl();

    /** The scopes GitLab granted the account's tokens, as stored at the last sign-in or refresh. */
    List<String> grantedScopes();

    /** An access token expected to be valid now. */
    Uni<String> accessToken();

    /** A new access token after GitLab answered 401 to {@code rejectedAccessToken}. */
    Uni<String> renewAfterRejection(String rejectedAccessToken);
}
