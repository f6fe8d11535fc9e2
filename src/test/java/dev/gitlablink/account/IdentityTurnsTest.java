package dev.gitlablink.account;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdentityTurnsTest {

    private static final String GITLAB = "https://gitlab.example.com";
    private static final int CALLERS = 8;

    private final IdentityTurns turns = new IdentityTurns();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Thread> callers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void callersThatQueueWhileTheTurnIsTakenAreDoneTogetherInOrder() throws Exception {
        List<List<Integer>> calls = new CopyOnWriteArrayList<>();
        Function<List<Integer>, List<String>> work = items -> {
            calls.add(items);
            return items.stream().map(item -> "result of " + item).toList();
        };
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = holdTheTurn("42", release);

        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            int item = i;
            results.add(submit(() -> turns.inSharedTurn(GITLAB, "42", item, work)));
            awaitWaiting(i + 1);
        }
        release.countDown();
        holder.get();

        for (int i = 0; i < CALLERS; i++) {
            assertEquals("result of " + i, results.get(i).get(), "each caller gets its own item's result");
        }
        assertEquals(List.of(List.of(0, 1, 2, 3, 4, 5, 6, 7)), calls, "one call for all of them, in arrival order");
    }

    @Test
    void anotherIdentitysCallersAreNotTakenAlong() throws Exception {
        List<List<String>> calls = new CopyOnWriteArrayList<>();
        Function<List<String>, List<String>> work = items -> {
            calls.add(items);
            return items;
        };
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = holdTheTurn("1", release);
        Future<String> first = submit(() -> turns.inSharedTurn(GITLAB, "1", "a", work));
        awaitWaiting(1);

        assertEquals("b", turns.inSharedTurn(GITLAB, "2", "b", work), "another identity does not wait for this turn");
        release.countDown();
        holder.get();
        assertEquals("a", first.get());
        assertEquals(List.of(List.of("b"), List.of("a")), calls);
    }

    @Test
    void whenTheWorkFailsItFailsForEveryCallerItWasFor() throws Exception {
        IllegalStateException broken = new IllegalStateException("database down");
        Function<List<Integer>, List<String>> work = items -> {
            throw broken;
        };
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = holdTheTurn("7", release);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int item = i;
            results.add(submit(() -> turns.inSharedTurn(GITLAB, "7", item, work)));
            awaitWaiting(i + 1);
        }
        release.countDown();
        holder.get();

        for (Future<String> result : results) {
            ExecutionException failed = assertThrows(ExecutionException.class, result::get);
            assertSame(broken, failed.getCause());
        }
        // The turn is free again, and the queue holds nothing of theirs.
        List<List<Integer>> calls = new CopyOnWriteArrayList<>();
        Integer result = turns.inSharedTurn(GITLAB, "7", 9, items -> {
            calls.add(items);
            return items;
        });
        assertEquals(9, result);
        assertEquals(List.of(List.of(9)), calls);
    }

    /** Takes the identity's turn on a thread of its own and keeps it until {@code release}. */
    private Future<?> holdTheTurn(String gitlabUserId, CountDownLatch release) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> turns.inTurn(GITLAB, gitlabUserId, () -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertTrue(held.await(10, TimeUnit.SECONDS));
        return holder;
    }

    private <T> Future<T> submit(Callable<T> call) {
        return threads.submit(() -> {
            callers.add(Thread.currentThread());
            return call.call();
        });
    }

    /** Until {@code count} callers are parked, waiting for the turn (so they queued in the order submitted). */
    private void awaitWaiting(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> callers.size() == count && callers.stream()
                .allMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING));
    }
}
