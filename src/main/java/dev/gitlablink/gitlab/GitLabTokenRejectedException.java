package dev.gitlablink.gitlab;

/** GitLab answered 401 to an access token (expired, revoked or unknown): refresh and try once more. */
public class GitLabTokenRejectedException extends GitLabException {

    public GitLabTokenRejectedException(String message) {
        super(message, null);
    }
}
