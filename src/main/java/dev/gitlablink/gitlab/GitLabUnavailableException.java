package dev.gitlablink.gitlab;

import java.time.Duration;
import java.util.Optional;

/** GitLab could not be reached, reset the connection, or failed with a 5xx; a retry may work. */
public class GitLabUnavailableException extends GitLabException {

    private final Duration retryAfter;

    public GitLabUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** GitLab's {@code Retry-After}, when it sent one (503s sometimes do). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
