package dev.gitlablink.gitlab;

/**
 * GitLab refused a request with a 4xx the service has no better name for; {@code status} is GitLab's, and
 * {@code oauthError} the OAuth {@code error} code of its body, if it had one.
 */
public class GitLabRejectedException extends GitLabException {

    private final int status;
    private final String oauthError;

    public GitLabRejectedException(int status, String message) {
        this(status, null, message);
    }

    public GitLabRejectedException(int status, String oauthError, String message) {
        super(message, null);
        this.status = status;
        this.oauthError = oauthError;
    }

    public int status() {
        return status;
    }

    /** The OAuth {@code error} code GitLab answered with ({@code slow_down}, ...), or null. */
    public String oauthError() {
        return oauthError;
    }
}
