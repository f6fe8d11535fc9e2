package dev.gitlablink.gitlab;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Backoff for GitLab reads: GitLab's {@code Retry-After} when it sent one (capped), otherwise
 * exponential from the configured delay with up to 25% jitter. One instance per guarded call.
 */
final class RetryAfterBackoff implements CustomBackoffStrategy {

    private final Duration cap;
    private long nextExponentialMillis;

    RetryAfterBackoff(Duration initialDelay, Duration cap) {
        this.cap = cap;
        this.nextExponentialMillis = initialDelay.toMillis();
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        if (cause instanceof GitLabUnavailableException unavailable && unavailable.retryAfter().isPresent()) {
            return Math.min(unavailable.retryAfter().get().toMillis(), cap.toMillis());
        }
        long delay = nextExponentialMillis;
        nextExponentialMillis = Math.min(nextExponentialMillis * 2, cap.toMillis());
        return delay + ThreadLocalRandom.current().nextLong(delay / 4 + 1);
    }
}
