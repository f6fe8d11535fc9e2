package dev.gitlablink.revocation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the revocation outbox retries: the worker's batches, its claim on an entry, and the backoff. */
@ConfigMapping(prefix = "gitlab-link.revocation")
public interface RevocationConfig {

    /**
     * How often each replica looks for due entries ({@code off} disables the schedule; entries are still tried
     * right after the transaction that enqueued them commits). Environment variable {@code REVOCATION_EVERY}.
     */
    @WithDefault("10s")
    String every();

    /** Entries one claim takes at most. */
    @WithDefault("50")
    int batchSize();

    /**
     * How long a worker's claim on an entry lasts while it calls GitLab; a worker that dies meanwhile leaves the
     * entry to be claimed again after this. Longer than two GitLab calls can take.
     */
    @WithDefault("2M")
    Duration claimLength();

    /**
     * Wait before the second attempt; each further attempt waits twice as long, up to {@link #maxRetryDelay()}.
     * Environment variable {@code REVOCATION_FIRST_RETRY}.
     */
    @WithDefault("10S")
    Duration firstRetryDelay();

    /** Longest wait between two attempts. Environment variable {@code REVOCATION_MAX_RETRY}. */
    @WithDefault("1H")
    Duration maxRetryDelay();

    /**
     * Attempts after which an entry GitLab never confirmed (5xx, unreachable) is given up as {@code dead}. With the
     * default backoff, 60 attempts take about two and a half days. Environment variable
     * {@code REVOCATION_MAX_ATTEMPTS}.
     */
    @WithDefault("60")
    int maxAttempts();

    /** How long entries GitLab confirmed are kept (without their tokens), so the same token is never sent twice. */
    @WithDefault("30D")
    Duration doneRetention();
}
