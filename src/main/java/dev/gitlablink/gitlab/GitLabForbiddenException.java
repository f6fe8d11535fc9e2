package dev.gitlablink.gitlab;

/** GitLab answered 403 for a reason other than scopes. */
public class GitLabForbiddenException extends GitLabException {

    public GitLabForbiddenException(String message) {
        super(message, null);
    }
}
