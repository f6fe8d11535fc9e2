package dev.gitlablink.gitlab;

/** GitLab did not answer within the configured connect or read timeout. */
public class GitLabTimeoutException extends GitLabUnavailableException {

    private final boolean connecting;

    public GitLabTimeoutException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public GitLabTimeoutException(String message, Throwable cause, boolean connecting) {
        super(message, null, cause);
        this.connecting = connecting;
    }

    /** The connection could not be opened in time (GitLab unreachable), as opposed to an answer that took too long. */
    public boolean connecting() {
        return connecting;
    }
}
