package dev.gitlablink.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** {@link TokenRefresher}'s single flight: callers replacing the same token share one rotation, others do not. */
class TokenRefresherTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final UUID ACCOUNT = UUID.randomUUID();

    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> rotated = new CopyOnWriteArrayList<>();
    /** Stands in for the row lock and GitLab: records what it was asked to replace, then waits to be released. */
    private final TokenRotation rotation = new TokenRotation(null, null, null, null, null, null, null, null, null, null) {
        @Override
        RefreshOutcome refreshIfStale(UUID accountId, String staleAccessToken) {
            rotated.add(staleAccessToken);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new RefreshOutcome.Usable("after-" + staleAccessToken);
        }
    };
    private final TokenRefresher refresher = new TokenRefresher(rotation, blocking,
            new RefreshMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));

    @AfterEach
    void stop() {
        release.countDown();
        blocking.shutdownNow();
    }

    @Test
    void callersReplacingTheSameTokenShareOneRotation() {
        UniAssertSubscriber<String> first = refresher.refresh(ACCOUNT, "expired").subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<String> second = refresher.refresh(ACCOUNT, "expired").subscribe()
                .withSubscriber(UniAssertSubscriber.create());

        release.countDown();

        first.awaitItem(WAIT).assertItem("after-expired");
        second.awaitItem(WAIT).assertItem("after-expired");
        assertEquals(List.of("expired"), rotated);
    }

    @Test
    void aCallerWhoseNewerTokenWasRefusedDoesNotJoinTheRefreshOfAnOlderOne() {
        UniAssertSubscriber<String> older = refresher.refresh(ACCOUNT, "older").subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<String> refused = refresher.refresh(ACCOUNT, "refused").subscribe()
                .withSubscriber(UniAssertSubscriber.create());

        release.countDown();

        older.awaitItem(WAIT).assertItem("after-older");
        refused.awaitItem(WAIT).assertItem("after-refused");
        assertEquals(List.of("older", "refused"), rotated.stream().sorted().toList());
    }
}
