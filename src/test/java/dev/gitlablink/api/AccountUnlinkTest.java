package dev.gitlablink.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
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
import org.junit.jupiter.api.Test;

import dev.gitlablink.account.LinkedAccountRepository;
import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.gitlab.AccessTokenSource;
import dev.gitlablink.revocation.OutboxRows;
import dev.gitlablink.revocation.RevocationWorker;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import dev.gitlablink.token.AccountTokenRows;
import dev.gitlablink.token.TokenService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * DELETE /api/accounts/{id}: the grant is revoked at GitLab and the link is gone, or nothing changes; a refresh in
 * progress is waited for, and its pair revoked too.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AccountUnlinkTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    TokenService tokens;

    @Inject
    AccountTokenRows rows;

    @Inject
    LinkedAccountRepository accounts;

    @Inject
    OutboxRows outbox;

    @Inject
    RevocationWorker worker;

    @AfterEach
    void gitLabBackUp() {
        emulator.knobs().reset();
    }

    @Test
    void unlinkRevokesAtGitLabAndForgetsTheAccount() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "unlink");
        user.api().accept("application/json").when().get(user.account() + "/user").then().statusCode(200);
        String accessToken = liveTokens(user).getFirst().accessToken();

        user.api().header("X-CSRF", "1").when().delete(user.account()).then().statusCode(204);

        assertTrue(emulator.tokensIssuedTo(user.gitLabUser().id()).stream().allMatch(EmulatorToken::revoked),
                "every token GitLab issued to the user is revoked");
        given().baseUri(emulator.baseUrl()).header("Authorization", "Bearer " + accessToken)
                .when().get("/api/v4/user").then().statusCode(401);
        user.api().when().get("/api/session").then().statusCode(200)
                .body("accounts.id", not(hasItem(user.accountId())));
        user.api().accept("application/json").when().get(user.account() + "/user").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("account_not_found"));
        user.api().header("X-CSRF", "1").when().delete(user.account()).then().statusCode(404)
                .body("code", equalTo("account_not_found"));
    }

    @Test
    void unlinkAlsoEndsThePairThatAnUnusedRefreshReplaced() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "unlink-refreshed");
        UUID accountId = UUID.fromString(user.accountId());
        UUID userId = QuarkusTransaction.requiringNew().call(() -> accounts.findById(accountId).user.id);
        rows.expireAccessToken(user.accountId());
        // The service refreshes but has not used the new access token yet, so GitLab keeps the old pair alive.
        tokens.forOwnedAccount(userId, accountId).chain(AccessTokenSource::accessToken)
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(2, liveTokens(user).size(), "the old and the new pair are both alive at GitLab");

        user.api().header("X-CSRF", "1").when().delete(user.account()).then().statusCode(204);

        assertTrue(liveTokens(user).isEmpty(), "GitLab accepts none of the account's tokens");
    }

    @Test
    void anUnlinkDuringARefreshWaitsForItAndRevokesThePairItStored() throws Exception {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "unlink-during-refresh");
        rows.expireAccessToken(user.accountId());
        long refreshesBefore = emulator.stats().tokenRequests("refresh_token");
        emulator.knobs().tokenLatency(Duration.ofMillis(1500));
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(
                () -> user.api().accept("application/json").when().get(user.account() + "/user").statusCode());
        await().atMost(Duration.ofSeconds(5)).until(() -> rows.leased(user.accountId()));

        user.api().header("X-CSRF", "1").when().delete(user.account()).then().statusCode(204);

        assertEquals(refreshesBefore + 1, emulator.stats().tokenRequests("refresh_token"));
        assertTrue(liveTokens(user).isEmpty(), "the pair the refresh stored meanwhile is revoked too");
        int status = read.get(20, TimeUnit.SECONDS);
        assertTrue(status == 200 || status == 404, "the read got " + status);
    }

    @Test
    void anotherUsersAccountIsNotFoundAndStaysLinked() {
        SignedInUser owner = SignedInUser.signIn(emulator, settings, "owner");
        SignedInUser other = SignedInUser.signIn(emulator, settings, "other");

        other.api().header("X-CSRF", "1").when().delete(owner.account()).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("account_not_found"));

        assertStillLinked(owner);
    }

    @Test
    void withoutTheCsrfHeaderNothingChanges() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "csrf");

        user.api().when().delete(user.account()).then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("csrf_header_missing"));

        assertStillLinked(user);
    }

    @Test
    void whenGitLabCannotBeReachedTheLinkIsGoneAndTheOutboxRevokesOnceGitLabIsBack() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "down");
        outbox.awaitNothingPending();
        emulator.knobs().down(true);

        user.api().header("X-CSRF", "1").when().delete(user.account()).then().statusCode(204);

        assertUnlinked(user);
        outbox.awaitEveryEntryTried();
        assertEquals("pending", lastEntry().state(), "GitLab has not confirmed yet");
        assertEquals("an unlink GitLab did not confirm", lastEntry().reason());
        emulator.knobs().down(false);
        assertFalse(liveTokens(user).isEmpty(), "the grant is alive until the outbox revokes it");
        outbox.makeDue();
        worker.runOnce();
        assertEquals("done", lastEntry().state());
        assertTrue(liveTokens(user).isEmpty());
    }

    @Test
    void whenGitLabThrottlesTheRevocationTheLinkIsGoneAndTheOutboxRevokesLater() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "throttled");
        outbox.awaitNothingPending();
        // Both OAuth calls of an unlink (token info, then revoke) are throttled: neither may count as a refusal.
        emulator.knobs().rateLimitOAuthNext(2, Duration.ofSeconds(30));

        user.api().header("X-CSRF", "1").when().delete(user.account()).then().statusCode(204);

        assertUnlinked(user);
        outbox.awaitEveryEntryTried();
        emulator.knobs().reset();
        outbox.makeDue();
        worker.runOnce();
        assertEquals("done", lastEntry().state());
        assertTrue(liveTokens(user).isEmpty());
    }

    private OutboxRows.Row lastEntry() {
        return outbox.all().getLast();
    }

    private void assertUnlinked(SignedInUser user) {
        user.api().when().get("/api/session").then().statusCode(200)
                .body("accounts.id", not(hasItem(user.accountId())));
    }

    @Test
    void aMalformedAccountIdIsAValidationProblem() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "malformed");

        user.api().header("X-CSRF", "1").when().delete("/api/accounts/not-a-uuid").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("validation_failed"))
                .body("errors[0].field", equalTo("accountId"));

        assertStillLinked(user);
    }

    private void assertStillLinked(SignedInUser user) {
        user.api().when().get("/api/session").then().statusCode(200)
                .body("accounts.id", hasItem(user.accountId()));
        user.api().accept("application/json").when().get(user.account() + "/user").then().statusCode(200);
        assertFalse(liveTokens(user).isEmpty(), "GitLab still accepts the account's tokens");
    }

    private List<EmulatorToken> liveTokens(SignedInUser user) {
        return emulator.tokensIssuedTo(user.gitLabUser().id()).stream()
                .filter(token -> !token.revoked())
                .toList();
    }
}
