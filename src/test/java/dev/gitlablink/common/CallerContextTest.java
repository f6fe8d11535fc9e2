package dev.gitlablink.common;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * One caller giving up on a result that several wait for (Quarkus REST cancels a request's {@code Uni} when its
 * client goes away) must not fail the others: the single-flight refresh and the cache loads are shared futures.
 */
class CallerContextTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        blocking.shutdownNow();
    }

    @Test
    void cancellingOneWaiterLeavesTheSharedResultToTheOthers() {
        CompletableFuture<String> shared = new CompletableFuture<>();
        UniAssertSubscriber<String> leaving = CallerContext.resumeOn(shared)
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<String> staying = CallerContext.resumeOn(shared)
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        leaving.cancel();
        shared.complete("fresh-token");

        assertFalse(shared.isCancelled());
        staying.awaitItem(WAIT).assertItem("fresh-token");
        leaving.assertNotTerminated();
    }

    @Test
    void aCompletedResultIsDeliveredAsItIs() {
        Uni<String> done = CallerContext.resumeOn(CompletableFuture.completedFuture("cached"));

        assertEquals("cached", done.await().atMost(WAIT));
    }

    @Test
    void cacheLoadSurvivesTheCallerThatStartedItLeaving() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        ReadThroughCache<String, String> cache = new ReadThroughCache<>(Duration.ofMinutes(1), blocking, key -> {
            reads.incrementAndGet();
            await(release);
            return "value of " + key;
        });

        UniAssertSubscriber<String> leaving = cache.get("account").subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<String> staying = cache.get("account").subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        leaving.cancel();
        release.countDown();

        staying.awaitItem(WAIT).assertItem("value of account");
        assertEquals("value of account", cache.get("account").await().atMost(WAIT));
        assertEquals(1, reads.get(), "the load was cancelled and read again");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
