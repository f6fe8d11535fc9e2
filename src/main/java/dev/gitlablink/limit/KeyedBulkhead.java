package dev.gitlablink.limit;

import java.time.Duration;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * A SmallRye Fault Tolerance bulkhead per key (a session): at most {@code limit} calls in flight and
 * {@code queued} more waiting; one guard per key in a bounded Caffeine cache.
 */
public final class KeyedBulkhead {

    /** Long enough that no call in flight outlives its guard in practice. */
    private static final Duration IDLE = Duration.ofMinutes(10);
    /** What a refused caller is told to wait: calls in flight end within GitLab's timeouts, most far sooner. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final LimitKind kind;
    private final int limit;
    private final int queued;
    private final Cache<String, Guard> guards;
    private final Counter refused;

    public KeyedBulkhead(LimitKind kind, int limit, int queued, int maxKeys, Counter refused) {
        this.kind = kind;
        this.limit = limit;
        this.queued = queued;
        this.refused = refused;
        this.guards = Caffeine.newBuilder().expireAfterAccess(IDLE).maximumSize(maxKeys).build();
    }

    /** {@code call} within {@code key}'s bulkhead; fails with {@link RequestLimitedException} when it is full. */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> run(String key, Supplier<Uni<T>> call) {
        Uni<T> guarded = (Uni<T>) guards.get(key, ignored -> newGuard()).get(call::get, Uni.class);
        return guarded.onFailure(BulkheadException.class).transform(full -> {
            refused.increment();
            return new RequestLimitedException(kind, RETRY_AFTER);
        });
    }

    private Guard newGuard() {
        return Guard.create()
                .withDescription(kind.label() + " bulkhead")
                .withBulkhead()
                    .limit(limit)
                    .queueSize(queued)
                    .done()
                .build();
    }
}
