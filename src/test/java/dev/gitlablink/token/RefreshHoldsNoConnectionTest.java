package dev.gitlablink.token;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A refresh waits for GitLab holding no database connection: with a pool of two connections, ten refreshes waiting
 * on a slow GitLab leave the pool to everyone else, whose session lookups and reads keep answering.
 */
@QuarkusTest
@TestProfile(RefreshHoldsNoConnectionTest.TwoConnections.class)
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RefreshHoldsNoConnectionTest {

    private static final int REFRESHING = 10;
    private static final Duration SLOW_GITLAB = Duration.ofSeconds(8);

    /** Two pooled connections; no caches, so every lookup needs one. */
    public static class TwoConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", "2", "SESSION_CACHE_TTL", "0S",
                    "TOKEN_CACHE_TTL", "0S");
        }
    }

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    AccountTokenRows rows;

    @AfterEach
    void resetKnobs() {
        emulator.knobs().reset();
    }

    @Test
    void othersAreServedWhileRefreshesWaitOnASlowGitLab() throws Exception {
        List<SignedInUser> refreshing = new ArrayList<>();
        for (int i = 0; i < REFRESHING; i++) {
            refreshing.add(SignedInUser.signIn(emulator, settings, "pool" + i));
        }
        SignedInUser other = SignedInUser.signIn(emulator, settings, "pool-other");
        emulator.stats().reset();
        refreshing.forEach(user -> rows.expireAccessToken(user.accountId()));
        emulator.knobs().tokenLatency(SLOW_GITLAB);

        ExecutorService clients = Executors.newFixedThreadPool(REFRESHING);
        try {
            List<Future<Integer>> reads = new ArrayList<>();
            for (SignedInUser user : refreshing) {
                reads.add(clients.submit(() -> user.api().when().get(user.account() + "/user").statusCode()));
            }
            await("all ten refreshes at GitLab at once, none waiting for one of the two connections")
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> emulator.stats().tokenRequests("refresh_token") == REFRESHING);

            // GitLab has all ten refreshes and answers none of them yet. Were the refreshes holding the two
            // connections, these would wait for the pool until it gives up (a 503 after 3 s).
            for (int i = 0; i < 3; i++) {
                other.api().when().get("/api/session").then().statusCode(200);
                other.api().when().get(other.account() + "/user").then().statusCode(200);
            }
            assertTrue(reads.stream().noneMatch(Future::isDone), "the refreshes were still waiting on GitLab");

            for (Future<Integer> read : reads) {
                assertEquals(200, read.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(REFRESHING, emulator.stats().tokenRequests("refresh_token"));
    }
}
