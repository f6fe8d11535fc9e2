package dev.gitlablink.gitlab;

/** GitLab refused a request with a 4xx; {@code status} is GitLab's status code. */
public class GitLabRejectedException extends RuntimeException {

    private final int status;

    public GitLabRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
