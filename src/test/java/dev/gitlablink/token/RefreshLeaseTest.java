package dev.gitlablink.token;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.account.AccountTokenStore;
import dev.gitlablink.account.LinkedAccountRepository;
import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.revocation.OutboxRows;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The refresh lease: a refresh that lost its lease revokes the pair it got and the account ends up on a pair stored
 * under a lease; a lease left by a holder that died is waited out and then taken over.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RefreshLeaseTest {

    private static final Duration SLOW_GITLAB = Duration.ofMillis(1500);

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    AccountTokenRows rows;

    @Inject
    LinkedAccountRepository accounts;

    @Inject
    AccountTokenStore tokenStore;

    @Inject
    OutboxRows outbox;

    SignedInUser user;

    @BeforeEach
    void signIn() {
        user = SignedInUser.signIn(emulator, settings, "lease");
        emulator.stats().reset();
    }

    @AfterEach
    void resetKnobs() {
        emulator.knobs().reset();
    }

    @Test
    void aRefreshThatLostItsLeaseRevokesThePairItGot() throws Exception {
        rows.expireAccessToken(user.accountId());
        emulator.knobs().tokenLatency(SLOW_GITLAB);
        CompletableFuture<Integer> read = readUserAsync();
        await().atMost(Duration.ofSeconds(5)).until(() -> rows.leased(user.accountId()));

        // While GitLab is answering, another holder takes the lease over, as after an expiry.
        rows.holdLease(user.accountId(), Duration.ofSeconds(1));
        emulator.knobs().tokenLatency(Duration.ZERO);

        assertEquals(200, read.get(20, TimeUnit.SECONDS));
        outbox.awaitNothingPending();
        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.gitLabUser().id());
        assertEquals(3, issued.size(), "the sign-in's pair, the lost refresh's pair, the stored refresh's pair");
        EmulatorToken lost = issued.get(1);
        EmulatorToken stored = issued.get(2);
        assertTrue(lost.revoked(), "the pair of the refresh that lost its lease is revoked at GitLab");
        assertTrue(issued.get(0).revoked(), "the pair the stored refresh replaced is revoked too");
        assertEquals(2, emulator.stats().revocations(), "the lost pair and the replaced pair, once each");
        assertFalse(stored.revoked());
        assertEquals(stored.refreshToken(), storedRefreshToken(), "the account holds the pair stored under a lease");
        assertEquals(2, emulator.stats().tokenRequests("refresh_token"));
    }

    @Test
    void theLeaseOfAHolderThatDiedIsWaitedOutAndTakenOver() throws Exception {
        rows.expireAccessToken(user.accountId());
        rows.holdLease(user.accountId(), Duration.ofSeconds(3));
        long started = System.nanoTime();

        CompletableFuture<Integer> read = readUserAsync();
        Thread.sleep(1000);
        assertFalse(read.isDone(), "the request waits while the lease lives");
        assertEquals(0, emulator.stats().tokenRequests("refresh_token"), "nobody refreshes under another's lease");

        assertEquals(200, read.get(20, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(2900), "waited for the expiry");
        assertEquals(1, emulator.stats().tokenRequests("refresh_token"));
        assertFalse(rows.leased(user.accountId()), "the new holder's write ended its lease");
    }

    @Test
    void aFailedGitLabCallEndsTheLeaseAtOnce() {
        rows.expireAccessToken(user.accountId());
        emulator.knobs().failFor(Duration.ofMinutes(1), 503);

        user.api().when().get(user.account() + "/user").then().statusCode(502);

        assertFalse(rows.leased(user.accountId()), "the next caller need not wait for the lease to expire");
        emulator.knobs().reset();
        user.api().when().get(user.account() + "/user").then().statusCode(200);
        assertEquals("active", rows.snapshot(user.accountId()).status(), "a failing GitLab changes nothing");
    }

    private CompletableFuture<Integer> readUserAsync() {
        return CompletableFuture.supplyAsync(() -> user.api().when().get(user.account() + "/user").statusCode());
    }

    private String storedRefreshToken() {
        return QuarkusTransaction.requiringNew().call(() -> tokenStore.refreshToken(
                accounts.findById(UUID.fromString(user.accountId()))).orElseThrow());
    }
}
