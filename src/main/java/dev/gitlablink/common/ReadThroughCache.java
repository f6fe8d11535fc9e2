package dev.gitlablink.common;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/**
 * A short-lived in-memory copy of what a blocking read (the database) returns, for the request path: a hit is
 * answered on the calling I/O thread; a miss runs the read on {@code blocking} (virtual threads), once however
 * many requests miss together, and each caller carries on in its own Vert.x context. Failed reads are not kept;
 * empty ({@code null}) results are kept only in the optional cache of absent keys, whose TTL and size are its own;
 * a zero TTL keeps nothing.
 */
public final class ReadThroughCache<K, V> {

    private static final long MAX_ENTRIES = 100_000;

    private final AsyncCache<K, V> entries;
    private final Cache<K, Boolean> absent;
    private final ExecutorService blocking;
    private final Function<K, V> read;

    /** Keeps values for {@code ttl}; keys the read found nothing for are read again each time. */
    public ReadThroughCache(Duration ttl, ExecutorService blocking, Function<K, V> read) {
        this(ttl, Duration.ZERO, 0, blocking, read);
    }

    /**
     * Keeps values for {@code ttl}, and remembers up to {@code maxAbsent} keys the read found nothing for during
     * {@code absentTtl}: asked again within it, they are answered {@code null} from memory.
     */
    public ReadThroughCache(Duration ttl, Duration absentTtl, long maxAbsent, ExecutorService blocking,
            Function<K, V> read) {
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(ttl.isZero() ? 0 : MAX_ENTRIES)
                .buildAsync();
        this.absent = Caffeine.newBuilder()
                .expireAfterWrite(absentTtl)
                .maximumSize(absentTtl.isZero() ? 0 : maxAbsent)
                .build();
        this.blocking = blocking;
        this.read = read;
    }

    /** The value for {@code key}, possibly {@code null}; fails with what the read threw (unwrapped). */
    public Uni<V> get(K key) {
        if (absent.getIfPresent(key) != null) {
            return Uni.createFrom().nullItem();
        }
        return CallerContext.resumeOn(entries.get(key,
                (missing, executor) -> CompletableFuture.supplyAsync(() -> readRememberingAbsence(missing), blocking)));
    }

    /** Forgets {@code key}, present or absent, so the next {@link #get} reads again. */
    public void invalidate(K key) {
        absent.invalidate(key);
        entries.synchronous().invalidate(key);
    }

    /** How many absent keys are remembered now (bounded by {@code maxAbsent}). */
    public long absentKeys() {
        absent.cleanUp();
        return absent.estimatedSize();
    }

    /**
     * The read; an absent result is remembered before the load completes, so requests that come between the load
     * and its removal from {@code entries} (a {@code null} is never kept there) find it and do not read again.
     */
    private V readRememberingAbsence(K key) {
        V value = read.apply(key);
        if (value == null) {
            absent.put(key, Boolean.TRUE);
        }
        return value;
    }

    /** Forgets {@code key} if its value is in memory already and {@code stale} says it may no longer be used. */
    public void invalidateIf(K key, Predicate<V> stale) {
        CompletableFuture<V> cached = entries.getIfPresent(key);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally() && stale.test(cached.join())) {
            invalidate(key);
        }
    }
}
