package dev.gitlablink.gitlab;

/** GitLab did not answer within the configured connect or read timeout. */
public class GitLabTimeoutException extends GitLabUnavailableException {

    public GitLabTimeoutException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
