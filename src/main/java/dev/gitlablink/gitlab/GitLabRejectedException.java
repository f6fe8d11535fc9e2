package dev.gitlablink.gitlab;

/** GitLab refused a request with a 4xx the service has no better name for; {@code status} is GitLab's. */
public class GitLabRejectedException extends GitLabException {

    private final int status;

    public GitLabRejectedException(int status, String message) {
        super(message, null);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
