package dev.gitlablink.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.BurstLimits;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Refresh before expiry and after a 401, one at a time, persisted with its rotation, and its failure modes. The
 * 50 concurrent requests of one session are above its default share of GitLab calls, so the limits are set out of
 * the way ({@link BurstLimits}).
 */
@QuarkusTest
@TestProfile(BurstLimits.class)
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TokenRefreshTest {

    static final String REFRESH = "refresh_token";

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    AccountTokenRows rows;

    @Inject
    RefreshCommitSabotage sabotage;

    SignedInUser user;

    @BeforeEach
    void signIn() {
        user = SignedInUser.signIn(emulator, settings, "refresh");
        emulator.stats().reset();
    }

    @AfterEach
    void resetKnobs() {
        emulator.knobs().reset();
    }

    @Test
    void liveTokenIsUsedWithoutRefresh() {
        user.api().when().get(user.account() + "/user").then().statusCode(200)
                .body("username", equalTo(user.gitLabUser().username()));
        assertEquals(0, emulator.stats().tokenRequests(REFRESH));
    }

    @Test
    void fiftyConcurrentRequestsOnAnExpiredTokenRefreshOnce() throws Exception {
        AccountTokenRows.Snapshot before = rows.snapshot(user.accountId());
        rows.expireAccessToken(user.accountId());

        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> user.api().when().get(user.account() + "/user").then().extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(calls)) {
                statuses.add(result.get());
            }
            assertEquals(List.of(50), List.of(statuses.stream().filter(s -> s == 200).toList().size()), statuses.toString());
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, emulator.stats().tokenRequests(REFRESH), "exactly one refresh at GitLab");
        AccountTokenRows.Snapshot after = rows.snapshot(user.accountId());
        assertNotEquals(before.accessCiphertext(), after.accessCiphertext(), "new access token stored");
        assertNotEquals(before.refreshCiphertext(), after.refreshCiphertext(), "rotated refresh token stored");
        assertTrue(after.expiresAt().isAfter(java.time.Instant.now().plusSeconds(7000)));
    }

    @Test
    void rotationIsPersistedSoTheNextRefreshUsesTheNewRefreshToken() {
        rows.expireAccessToken(user.accountId());
        user.api().when().get(user.account() + "/user").then().statusCode(200);
        rows.expireAccessToken(user.accountId());
        user.api().when().get(user.account() + "/user").then().statusCode(200);

        // The second refresh only works with the rotated refresh token: the first pair was revoked at GitLab
        // as soon as the first new access token was used.
        assertEquals(2, emulator.stats().tokenRequests(REFRESH));
        long live = emulator.tokensIssuedTo(user.gitLabUser().id()).stream().filter(t -> !t.revoked()).count();
        assertEquals(1, live, "GitLab holds exactly one live token pair for the user");
    }

    @Test
    void crashBetweenGitLabRotationAndOurCommitLeavesTheAccountUsable() {
        AccountTokenRows.Snapshot before = rows.snapshot(user.accountId());
        rows.expireAccessToken(user.accountId());
        sabotage.failNextCommit();

        user.api().when().get(user.account() + "/user").then().statusCode(500)
                .body("code", equalTo("internal_error"));
        assertEquals(1, emulator.stats().tokenRequests(REFRESH), "GitLab rotated the tokens");
        AccountTokenRows.Snapshot afterCrash = rows.snapshot(user.accountId());
        assertEquals(before.refreshCiphertext(), afterCrash.refreshCiphertext(), "the rotation was rolled back");

        user.api().when().get(user.account() + "/user").then().statusCode(200)
                .body("username", equalTo(user.gitLabUser().username()));
        assertEquals(2, emulator.stats().tokenRequests(REFRESH),
                "the old refresh token still worked because GitLab never saw the lost access token used");
    }

    @Test
    void rejectedAccessTokenIsRefreshedOnceAndTheRequestRetried() {
        revokeAccessTokenOnly();

        user.api().when().get(user.account() + "/user").then().statusCode(200)
                .body("username", equalTo(user.gitLabUser().username()));
        assertEquals(1, emulator.stats().tokenRequests(REFRESH));
    }

    @Test
    void revokedGrantMarksTheAccountAndAsksForANewSignIn() {
        AccountTokenRows.Snapshot before = rows.snapshot(user.accountId());
        EmulatorToken live = liveToken();
        given().baseUri(emulator.baseUrl()).auth().preemptive().basic(settings.clientId(), settings.clientSecret())
                .formParam("token", live.refreshToken())
                .when().post("/oauth/revoke").then().statusCode(200);

        user.api().when().get(user.account() + "/user").then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("gitlab_reauth_required"))
                .body("loginUrl", equalTo("/login"));

        AccountTokenRows.Snapshot after = rows.snapshot(user.accountId());
        assertEquals("reauth_required", after.status());
        assertEquals(before.username(), after.username(), "nothing else in the row is lost");
        assertEquals(before.scopes(), after.scopes());
        assertEquals(before.refreshCiphertext(), after.refreshCiphertext());
        user.api().when().get("/api/session").then().statusCode(200)
                .body("accounts[0].status", equalTo("reauth_required"));
        // Further requests answer at once, without bothering GitLab.
        long refreshes = emulator.stats().tokenRequests(REFRESH);
        user.api().when().get(user.account() + "/user").then().statusCode(401)
                .body("code", equalTo("gitlab_reauth_required"));
        assertEquals(refreshes, emulator.stats().tokenRequests(REFRESH));
    }

    @Test
    void signingInAgainRestoresAnAccountThatNeededIt() {
        EmulatorToken live = liveToken();
        given().baseUri(emulator.baseUrl()).auth().preemptive().basic(settings.clientId(), settings.clientSecret())
                .formParam("token", live.accessToken())
                .when().post("/oauth/revoke").then().statusCode(200);
        user.api().when().get(user.account() + "/user").then().statusCode(401);

        dev.gitlablink.testsupport.Browser browser = new dev.gitlablink.testsupport.Browser();
        new dev.gitlablink.testsupport.SignInFlow(browser, settings, emulator).signIn(user.gitLabUser(), "/");
        String cookie = browser.cookie(settings.baseUrl(), SignedInUser.COOKIE).orElseThrow();

        given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE, cookie)
                .when().get(user.account() + "/user").then().statusCode(200);
        assertEquals("active", rows.snapshot(user.accountId()).status());
    }

    @Test
    void anotherUsersAccountIsNotFound() {
        SignedInUser other = SignedInUser.signIn(emulator, settings, "other");

        user.api().when().get(other.account() + "/user").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("account_not_found"));
        user.api().when().get("/api/accounts/00000000-0000-0000-0000-000000000000/user").then().statusCode(404)
                .body("code", equalTo("account_not_found"));
    }

    /** GitLab forgets the access token only (as after the new token of a rotation is used elsewhere). */
    private void revokeAccessTokenOnly() {
        emulator.knobs().expireAccessTokens(user.gitLabUser().id());
    }

    private EmulatorToken liveToken() {
        return emulator.tokensIssuedTo(user.gitLabUser().id()).stream().filter(t -> !t.revoked()).findFirst()
                .orElseThrow();
    }
}
