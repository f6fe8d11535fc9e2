package dev.gitlablink.gitlab;

/** GitLab answered, but with a body the service cannot read; retrying would not help. */
public class GitLabBadResponseException extends GitLabException {

    public GitLabBadResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
