package dev.gitlablink.gitlab;

/** GitLab refused a refresh token with {@code invalid_grant}: the user revoked access or was blocked. */
public class GitLabGrantRevokedException extends GitLabException {

    public GitLabGrantRevokedException() {
        super("GitLab refused the refresh token (invalid_grant)", null);
    }
}
