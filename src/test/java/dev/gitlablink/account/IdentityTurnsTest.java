package dev.gitlablink.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        HeldTurn held = HeldTurn.take(turns, GITLAB, "42", threads);

        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            int item = i;
            results.add(submit(() -> turns.inSharedTurn(GITLAB, "42", item, work)));
            HeldTurn.awaitParked(callers, i + 1);
        }
        held.release();

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
        HeldTurn held = HeldTurn.take(turns, GITLAB, "1", threads);
        Future<String> first = submit(() -> turns.inSharedTurn(GITLAB, "1", "a", work));
        HeldTurn.awaitParked(callers, 1);

        assertEquals("b", turns.inSharedTurn(GITLAB, "2", "b", work), "another identity does not wait for this turn");
        held.release();
        assertEquals("a", first.get());
        assertEquals(List.of(List.of("b"), List.of("a")), calls);
    }

    @Test
    void whenTheWorkFailsItFailsForEveryCallerItWasFor() throws Exception {
        IllegalStateException broken = new IllegalStateException("database down");
        Function<List<Integer>, List<String>> work = items -> {
            throw broken;
        };
        HeldTurn held = HeldTurn.take(turns, GITLAB, "7", threads);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int item = i;
            results.add(submit(() -> turns.inSharedTurn(GITLAB, "7", item, work)));
            HeldTurn.awaitParked(callers, i + 1);
        }
        held.release();

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

    private <T> Future<T> submit(Callable<T> call) {
        return threads.submit(() -> {
            callers.add(Thread.currentThread());
            return call.call();
        });
    }
}
