package dev.gitlablink.gitlab;

/** GitLab could not be reached, timed out or failed (5xx); the request may work later. */
public class GitLabUnavailableException extends RuntimeException {

    public GitLabUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
