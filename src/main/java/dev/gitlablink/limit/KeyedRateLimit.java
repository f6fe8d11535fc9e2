package dev.gitlablink.limit;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;

/**
 * A SmallRye Fault Tolerance rate limit per key (a session, a client address): a fixed window of {@code limit}
 * requests, one guard per key in a bounded Caffeine cache that forgets a key a window after its last request (its
 * count would have started afresh by then anyway).
 */
public final class KeyedRateLimit {

    private final LimitKind kind;
    private final int limit;
    private final Duration window;
    private final Cache<String, Guard> guards;
    private final Counter refused;

    public KeyedRateLimit(LimitKind kind, int limit, Duration window, int maxKeys, Counter refused) {
        this.kind = kind;
        this.limit = limit;
        this.window = window;
        this.refused = refused;
        this.guards = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(maxKeys).build();
    }

    /** Counts a request of {@code key}; throws {@link RequestLimitedException} when its window is used up. */
    public void acquire(String key) {
        try {
            guards.get(key, ignored -> newGuard()).call(() -> Boolean.TRUE, Boolean.class);
        } catch (RateLimitException e) {
            refused.increment();
            long seconds = Math.max(1, (e.getRetryAfterMillis() + 999) / 1000);
            throw new RequestLimitedException(kind, Duration.ofSeconds(seconds));
        } catch (Exception e) {
            throw new IllegalStateException("a rate limit guard runs no action that can fail", e);
        }
    }

    /** Keys currently remembered (for tests and the bounded-memory check). */
    long trackedKeys() {
        guards.cleanUp();
        return guards.estimatedSize();
    }

    private Guard newGuard() {
        // A fixed description: no per-key string, and no per-key anything should metrics be switched on.
        return Guard.create()
                .withDescription(kind.label() + " rate limit")
                .withRateLimit()
                    .limit(limit)
                    .window(window.toMillis(), ChronoUnit.MILLIS)
                    .type(RateLimitType.FIXED)
                    .done()
                .build();
    }
}
