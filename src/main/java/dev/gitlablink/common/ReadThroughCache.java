package dev.gitlablink.common;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/**
 * A short-lived in-memory copy of what a blocking read (the database) returns, for the request path: a hit is
 * answered on the calling I/O thread; a miss runs the read on {@code blocking} (virtual threads), once however
 * many requests miss together, and each caller carries on in its own Vert.x context. Failed reads and empty
 * ({@code null}) results are not kept; a zero TTL keeps nothing.
 */
public final class ReadThroughCache<K, V> {

    private static final long MAX_ENTRIES = 100_000;

    private final AsyncCache<K, V> entries;
    private final ExecutorService blocking;
    private final Function<K, V> read;

    public ReadThroughCache(Duration ttl, ExecutorService blocking, Function<K, V> read) {
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(ttl.isZero() ? 0 : MAX_ENTRIES)
                .buildAsync();
        this.blocking = blocking;
        this.read = read;
    }

    /** The value for {@code key}, possibly {@code null}; fails with what the read threw (unwrapped). */
    public Uni<V> get(K key) {
        return CallerContext.resumeOn(entries.get(key,
                (missing, executor) -> CompletableFuture.supplyAsync(() -> read.apply(missing), blocking)));
    }

    /** Forgets {@code key}, so the next {@link #get} reads again. */
    public void invalidate(K key) {
        entries.synchronous().invalidate(key);
    }

    /** Forgets {@code key} if its value is in memory already and {@code stale} says it may no longer be used. */
    public void invalidateIf(K key, Predicate<V> stale) {
        CompletableFuture<V> cached = entries.getIfPresent(key);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally() && stale.test(cached.join())) {
            invalidate(key);
        }
    }
}
