package dev.gitlablink.token;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Within the cache TTL a request needs neither the session nor the account row: shown by taking the
 * rows away and still getting answers; after eviction the database is the truth again.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TokenCacheTest {

    private static final int CONCURRENT_REQUESTS = 24;

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    DataSource dataSource;

    @Inject
    TokenService tokens;

    @Test
    void recentAccountIsServedFromMemoryAndEvictionRereads() throws Exception {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "cache");
        user.api().when().get(user.account() + "/user").then().statusCode(200);
        long refreshes = emulator.stats().refreshes(user.gitLabUser().id());

        // Break the row's ciphertext: a request that read the database now could not decrypt the token.
        execute("update linked_account set access_token_ciphertext = ? where id = ?", new byte[] {1, 2, 3},
                UUID.fromString(user.accountId()));
        user.api().when().get(user.account() + "/user").then().statusCode(200)
                .body("username", equalTo(user.gitLabUser().username()));

        // Evicted, the account is read again: its token cannot be decrypted, so it needs a new sign-in.
        tokens.evict(UUID.fromString(user.accountId()));
        user.api().when().get(user.account() + "/user").then().statusCode(401)
                .body("code", equalTo("gitlab_reauth_required"));
        assertEquals(refreshes, emulator.stats().refreshes(user.gitLabUser().id()));
    }

    @Test
    void concurrentRequestsOnColdCachesAllGetAnswers() throws Exception {
        for (int round = 0; round < 3; round++) {
            SignedInUser user = SignedInUser.signIn(emulator, settings, "cold" + round);
            tokens.evict(UUID.fromString(user.accountId()));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_REQUESTS);
            try {
                for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
                    statuses.add(clients.submit(() -> {
                        start.await();
                        return user.api().when().get(user.account() + "/projects").statusCode();
                    }));
                }
                start.countDown();
                for (Future<Integer> status : statuses) {
                    // Every waiter of the one database read carries on in its own request (no 500 from a lost
                    // request scope when the read completes on another thread).
                    assertEquals(200, status.get(30, TimeUnit.SECONDS));
                }
            } finally {
                clients.shutdownNow();
            }
        }
    }

    private void execute(String sql, Object... parameters) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            assertEquals(1, statement.executeUpdate());
        }
    }
}
