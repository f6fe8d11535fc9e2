package dev.gitlablink.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sign-ins and links of one GitLab identity take turns on this replica before they take a database connection.
 * Their transactions serialise on the identity's account row anyway (across replicas too); without this, a burst
 * of them (many tabs, a script) would each hold a pooled connection while waiting for that row lock, and starve
 * every other request of connections. Striped fair locks: a bounded set, first come first served.
 * <p>
 * Work that can be done for several callers at once ({@link #inSharedTurn}) queues while it waits: whoever gets the
 * turn does the work of every caller of that identity queued by then, in one go, so a burst costs a few turns
 * instead of one each.
 */
@ApplicationScoped
class IdentityTurns {

    private static final int STRIPES = 1024;
    /** Longer than any one turn takes; a request waiting longer fails rather than hangs. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    /** Callers of {@link #inSharedTurn} waiting, per identity; a queue is dropped when its turn leaves it empty. */
    private final ConcurrentHashMap<Key, Queue<Shared<?, ?>>> waiting = new ConcurrentHashMap<>();

    IdentityTurns() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /** Runs {@code work} (which begins and ends its own transaction) in the identity's turn. */
    <T> T inTurn(String instanceUrl, String gitlabUserId, Supplier<T> work) {
        ReentrantLock turn = stripes[Math.floorMod(new Key(instanceUrl, gitlabUserId).hashCode(), STRIPES)];
        try {
            if (!turn.tryLock(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("sign-ins of GitLab user " + gitlabUserId + " on " + instanceUrl
                        + " queued for longer than " + LONGEST_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the identity's turn", e);
        }
        try {
            return work.get();
        } finally {
            turn.unlock();
        }
    }

    /**
     * The result of {@code work} for {@code item}, in the identity's turn. Whoever holds the turn calls {@code work}
     * once with every item of this identity queued by then (this one among them, in the order they came) and gets
     * a result per item, in the same order; when {@code work} fails, it fails for each of them. A caller whose item
     * was taken waits for that work to end, however long its transaction takes (the transaction timeout bounds it).
     */
    <I, R> R inSharedTurn(String instanceUrl, String gitlabUserId, I item, Function<List<I>, List<R>> work) {
        Key identity = new Key(instanceUrl, gitlabUserId);
        Shared<I, R> mine = new Shared<>(item, new CompletableFuture<>());
        Queue<Shared<?, ?>> queue = waiting.computeIfAbsent(identity, key -> new ConcurrentLinkedQueue<>());
        queue.add(mine);
        try {
            inTurn(instanceUrl, gitlabUserId, () -> {
                if (!mine.result.isDone()) {
                    // Nobody took this item yet, so this caller does the queue's work. A caller that queued on a
                    // queue dropped meanwhile finds its item still here and does it in its own turn.
                    List<Shared<?, ?>> taken = new ArrayList<>();
                    try {
                        for (Shared<?, ?> next; (next = queue.poll()) != null; ) {
                            taken.add(next);
                        }
                        waiting.remove(identity, queue);
                    } catch (Throwable failed) {
                        // Whoever was taken must not wait for ever.
                        taken.forEach(shared -> shared.result.completeExceptionally(failed));
                        throw failed;
                    }
                    runTogether(taken, work);
                }
                return null;
            });
        } catch (IllegalStateException gaveUp) {
            if (queue.remove(mine)) {
                throw gaveUp;
            }
            // Another caller took the item and is doing it now: its result follows. Not sooner: failing here while
            // that work may still commit this item would leave its outcome unknown to the caller.
        }
        try {
            return mine.result.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
        }
    }

    @SuppressWarnings("unchecked")
    private static <I, R> void runTogether(List<Shared<?, ?>> taken, Function<List<I>, List<R>> work) {
        List<Shared<I, R>> batch = new ArrayList<>();
        for (Shared<?, ?> shared : taken) {
            // One identity's callers all pass the same kind of work.
            batch.add((Shared<I, R>) shared);
        }
        try {
            List<R> results = work.apply(batch.stream().map(Shared::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result.complete(results.get(i));
            }
        } catch (Throwable failed) {
            batch.forEach(shared -> shared.result.completeExceptionally(failed));
        }
    }

    /** A GitLab identity: its instance and user id there. */
    private record Key(String instanceUrl, String gitlabUserId) {
    }

    /** A queued caller's item, and where its result goes. */
    private record Shared<I, R>(I item, CompletableFuture<R> result) {
    }
}
