package dev.gitlablink.gitlab;

import java.time.Duration;

/** GitLab answered 429; {@code retryAfter} is when it said to try again. */
public class GitLabRateLimitedException extends GitLabException {

    private final Duration retryAfter;

    public GitLabRateLimitedException(Duration retryAfter) {
        super("GitLab rate limit reached, retry after " + retryAfter.toSeconds() + " s", null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
