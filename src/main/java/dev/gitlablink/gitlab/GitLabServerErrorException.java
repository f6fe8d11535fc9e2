package dev.gitlablink.gitlab;

import java.time.Duration;

/** GitLab answered with a 5xx status; a retry may work. */
public class GitLabServerErrorException extends GitLabUnavailableException {

    private final int status;

    public GitLabServerErrorException(int status, Duration retryAfter) {
        super("GitLab answered " + status, retryAfter, null);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * 502, 503 or 504: GitLab's front (load balancer, Workhorse) says the application behind it is down or
     * overloaded, a state of the instance rather than of this one request.
     */
    public boolean fromGateway() {
        return status == 502 || status == 503 || status == 504;
    }
}
