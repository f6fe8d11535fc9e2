package dev.gitlablink.account;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An identity's turn ({@link IdentityTurns}), taken on a thread of its own and kept until {@link #release}, so that
 * tests can make callers queue behind it in a known order.
 */
final class HeldTurn {

    private final CountDownLatch release = new CountDownLatch(1);
    private final Future<?> holder;

    private HeldTurn(IdentityTurns turns, String instanceUrl, String gitlabUserId, ExecutorService threads)
            throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        holder = threads.submit(() -> turns.inTurn(instanceUrl, gitlabUserId, () -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertTrue(held.await(10, TimeUnit.SECONDS), "the turn was taken");
    }

    static HeldTurn take(IdentityTurns turns, String instanceUrl, String gitlabUserId, ExecutorService threads)
            throws InterruptedException {
        return new HeldTurn(turns, instanceUrl, gitlabUserId, threads);
    }

    /** Lets the turn go, once the holder is done with it. */
    void release() throws Exception {
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
    }

    /** Until each of {@code callers} is parked, waiting for a turn (so they queued in the order they started). */
    static void awaitParked(List<Thread> callers, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> callers.size() == count && callers.stream()
                .allMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING));
    }
}
