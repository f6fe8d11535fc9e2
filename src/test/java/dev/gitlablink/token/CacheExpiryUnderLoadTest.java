package dev.gitlablink.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.BurstLimits;
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
 * Session and token caches expiring under steady concurrent load: the requests that wait for the one
 * database read done on a virtual thread must carry on in their own request and answer 200.
 */
@QuarkusTest
@TestProfile(CacheExpiryUnderLoadTest.ShortCaches.class)
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CacheExpiryUnderLoadTest {

    private static final int CLIENTS = 16;
    private static final Duration LOAD = Duration.ofSeconds(6);

    /** Caches that expire every 300 ms, so the load crosses many expiries; the session's limits out of the way. */
    public static class ShortCaches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(BurstLimits.SETTINGS);
            settings.putAll(Map.of("SESSION_CACHE_TTL", "0.3S", "TOKEN_CACHE_TTL", "0.3S"));
            return settings;
        }
    }

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Test
    void everyRequestAcrossCacheExpiriesIsAnswered() throws Exception {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "expiry");
        Instant end = Instant.now().plus(LOAD);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<List<Integer>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                results.add(clients.submit(() -> {
                    List<Integer> unexpected = new ArrayList<>();
                    while (Instant.now().isBefore(end)) {
                        int status = user.api().when().get(user.account() + "/projects").statusCode();
                        if (status != 200) {
                            unexpected.add(status);
                        }
                    }
                    return unexpected;
                }));
            }
            for (Future<List<Integer>> result : results) {
                assertEquals(List.of(), result.get(LOAD.toSeconds() + 30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
