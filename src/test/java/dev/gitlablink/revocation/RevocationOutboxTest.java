package dev.gitlablink.revocation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.crypto.TokenCipher;
import dev.gitlablink.emulator.ApplicationRegistration;
import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The revocation outbox against the GitLab emulator: what the service keeps in {@code revocation_outbox} and which
 * tokens the emulator refuses afterwards.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RevocationOutboxTest {

    private static final String OTHER_CLIENT = "another-application";
    private static final String OTHER_CALLBACK = "http://127.0.0.1:9/other-callback";

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accounts;

    @Inject
    OutboxRows outbox;

    @Inject
    RevocationOutbox revocationOutbox;

    @Inject
    RevocationWorker worker;

    @Inject
    RevocationOutboxStore store;

    @Inject
    RevocationCall call;

    @Inject
    TokenCipher cipher;

    @Inject
    RevocationConfig config;

    @Inject
    MeterRegistry metrics;

    @BeforeEach
    void emptyOutbox() {
        outbox.awaitNothingPending();
        outbox.clear();
        emulator.stats().reset();
    }

    @AfterEach
    void gitLabBackUp() {
        emulator.knobs().reset();
        // No entry this test left waiting (GitLab down, throttled) may be tried during another test.
        outbox.awaitNothingPending();
        outbox.clear();
    }

    @Test
    void aSecondSignInRevokesTheFirstPair() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "second-sign-in");
        EmulatorToken first = onlyLivePair(user.gitLabUser());

        new SignInFlow(new Browser(), settings, emulator).signIn(user.gitLabUser(), "/");
        outbox.awaitNothingPending();

        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.gitLabUser().id());
        assertEquals(2, issued.size());
        assertTrue(issued.get(0).revoked(), "the first pair is revoked");
        assertFalse(issued.get(1).revoked(), "the pair the second sign-in stored lives");
        refusedByGitLab(first);
        assertEquals(List.of(new OutboxRows.Row("replaced by a sign-in", "done", 1, false, null)), outbox.all());
        assertEquals(1, emulator.stats().revocations());
        user.api().accept("application/json").when().get(user.account() + "/user").then().statusCode(200);
    }

    @Test
    void thePairOfASignInThatFailsAfterTheCodeExchangeIsRevoked() {
        EmulatorUser user = newUser("failed-sign-in");
        Browser browser = new Browser();
        SignInFlow flow = new SignInFlow(browser, settings, emulator);
        Page callback = browser.get(flow.authorizeAtGitLab(flow.startLogin("/").location(), user).toString());
        assertEquals(302, callback.status(), "quarkus-oidc redeemed the code");
        // GitLab throttles the userinfo call that storing the account makes: the sign-in fails.
        emulator.knobs().rateLimitOAuthNext(1, Duration.ofSeconds(30));

        Page login = browser.get(callback.location().toString());

        assertTrue(login.status() >= 400 || login.location().toString().contains("loginError"), "the sign-in failed");
        outbox.awaitNothingPending();
        EmulatorToken issued = emulator.tokensIssuedTo(user.id()).getFirst();
        assertTrue(issued.revoked(), "GitLab no longer accepts the pair nobody holds");
        refusedByGitLab(issued);
        assertEquals(0, accounts.countFor(emulator.baseUrl(), String.valueOf(user.id())), "no account was stored");
        assertEquals(List.of(new OutboxRows.Row("a sign-in or link that failed after the code exchange", "done", 1, false, null)), outbox.all());
    }

    @Test
    void theOutboxRetriesThroughAGitLabOutageAndAServiceRestart() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "outage");
        EmulatorToken pair = onlyLivePair(user.gitLabUser());
        emulator.knobs().failFor(Duration.ofMinutes(5), 503);

        user.api().header("X-CSRF", "1").when().post("/api/logout").then().statusCode(204);
        outbox.awaitEveryEntryTried();
        assertEquals("pending", outbox.all().getFirst().state());
        outbox.makeDue();
        assertEquals(new RevocationWorker.Result(0, 1, 0), worker.runOnce(), "tried again, GitLab still failing");

        OutboxRows.Row waiting = outbox.all().getFirst();
        assertEquals("pending", waiting.state());
        assertEquals(2, waiting.attempts());
        assertTrue(waiting.holdsTokens());
        assertTrue(waiting.lastError().contains("503"), waiting.lastError());
        assertFalse(emulator.tokensIssuedTo(user.gitLabUser().id()).getFirst().revoked(), "GitLab was never reached");

        // A restarted service has nothing but the table: a new worker, GitLab back up.
        emulator.knobs().reset();
        RevocationWorker afterRestart = new RevocationWorker(store, call, cipher, config,
                Executors.newVirtualThreadPerTaskExecutor(), new SimpleMeterRegistry());
        outbox.makeDue();
        assertEquals(new RevocationWorker.Result(1, 0, 0), afterRestart.runOnce());

        refusedByGitLab(pair);
        assertEquals(List.of(new OutboxRows.Row("sign-out of the last session", "done", 3, false, null)),
                outbox.all());
        assertEquals(1, emulator.stats().revocations());
    }

    @Test
    void aPairIsNeverRevokedTwice() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "twice");
        EmulatorToken pair = onlyLivePair(user.gitLabUser());
        emulator.knobs().failFor(Duration.ofMinutes(5), 503);

        boolean first = QuarkusTransaction.requiringNew().call(() -> revocationOutbox.enqueue(emulator.baseUrl(),
                pair.accessToken(), pair.refreshToken(), "test"));
        boolean second = QuarkusTransaction.requiringNew().call(() -> revocationOutbox.enqueue(emulator.baseUrl(),
                pair.accessToken(), pair.refreshToken(), "test again"));
        outbox.awaitEveryEntryTried();
        emulator.knobs().reset();
        outbox.makeDue();
        worker.runOnce();
        outbox.makeDue();
        worker.runOnce();
        user.api().header("X-CSRF", "1").when().post("/api/logout").then().statusCode(204);
        outbox.awaitNothingPending();

        assertTrue(first);
        assertFalse(second, "the same pair is not enqueued again");
        assertEquals(1, outbox.all().size(), "one entry, though the pair was given up twice and the user signed out");
        assertEquals(1, emulator.stats().revocations(), "GitLab was asked once");
        refusedByGitLab(pair);
    }

    @Test
    void aRevocationGitLabRefusesWithUnauthorizedClientEndsDeadAndIsNotRetried() {
        String refreshToken = otherApplicationsRefreshToken(newUser("other-app"));
        double deadBefore = deadCount();

        QuarkusTransaction.requiringNew().run(() -> revocationOutbox.enqueue(emulator.baseUrl(), null, refreshToken,
                "a token of another application"));
        outbox.awaitNothingPending();

        OutboxRows.Row dead = outbox.all().getFirst();
        assertEquals("dead", dead.state());
        assertEquals(1, dead.attempts());
        assertTrue(dead.holdsTokens(), "kept for an operator who fixes the cause");
        assertTrue(dead.lastError().contains("403"), dead.lastError());
        assertEquals(deadBefore + 1, deadCount(), "counted");
        outbox.makeDue();
        assertEquals(new RevocationWorker.Result(0, 0, 0), worker.runOnce(), "never tried again");
        assertEquals(1, outbox.all().getFirst().attempts());
    }

    @Test
    void aThrottledRevocationWaitsForGitLabsRetryAfter() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "throttled-revocation");
        // Token info and revoke of the first attempt are both throttled, with a wait longer than the backoff's.
        emulator.knobs().rateLimitOAuthNext(2, Duration.ofSeconds(120));

        user.api().header("X-CSRF", "1").when().post("/api/logout").then().statusCode(204);
        outbox.awaitEveryEntryTried();

        OutboxRows.Row waiting = outbox.all().getFirst();
        assertEquals("pending", waiting.state());
        long wait = outbox.secondsUntilNextAttempt();
        assertTrue(wait > 100 && wait <= 120, "next attempt in " + wait + " s");
        assertFalse(emulator.tokensIssuedTo(user.gitLabUser().id()).getFirst().revoked());
    }

    @Test
    void aRevocationGitLabNeverAnswersEndsDeadAfterTheLastAttempt() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "never");
        emulator.knobs().failFor(Duration.ofMinutes(5), 503);
        user.api().header("X-CSRF", "1").when().post("/api/logout").then().statusCode(204);
        outbox.awaitEveryEntryTried();

        outbox.setAttempts(config.maxAttempts() - 1);
        outbox.makeDue();
        assertEquals(new RevocationWorker.Result(0, 0, 1), worker.runOnce());

        OutboxRows.Row dead = outbox.all().getFirst();
        assertEquals("dead", dead.state());
        assertEquals(config.maxAttempts(), dead.attempts());
        assertTrue(dead.lastError().contains("attempts"), dead.lastError());
    }

    @Test
    void theBackoffDoublesUpToItsCap() {
        assertEquals(config.firstRetryDelay(), worker.backoff(1));
        assertEquals(config.firstRetryDelay().multipliedBy(4), worker.backoff(3));
        assertEquals(config.maxRetryDelay(), worker.backoff(40));
    }

    private double deadCount() {
        return metrics.get(RevocationWorker.METRIC).tag("outcome", "dead").counter().count();
    }

    private EmulatorUser newUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Test " + prefix, username + "@example.test");
    }

    private EmulatorToken onlyLivePair(EmulatorUser user) {
        List<EmulatorToken> live = emulator.tokensIssuedTo(user.id()).stream().filter(t -> !t.revoked()).toList();
        assertEquals(1, live.size());
        return live.getFirst();
    }

    /** GitLab refuses both the access token (API) and the refresh token (token endpoint). */
    private void refusedByGitLab(EmulatorToken pair) {
        given().baseUri(emulator.baseUrl()).header("Authorization", "Bearer " + pair.accessToken())
                .when().get("/api/v4/user").then().statusCode(401);
        given().baseUri(emulator.baseUrl()).formParam("grant_type", "refresh_token")
                .formParam("refresh_token", pair.refreshToken())
                .formParam("client_id", settings.clientId()).formParam("client_secret", settings.clientSecret())
                .when().post("/oauth/token").then().statusCode(400);
    }

    /** A code flow of another OAuth application at the emulator: its refresh token, which ours may not revoke. */
    private String otherApplicationsRefreshToken(EmulatorUser user) {
        String clientId = OTHER_CLIENT + "-" + UUID.randomUUID();
        emulator.registerApplication(new ApplicationRegistration(clientId, clientId + "-secret",
                List.of(OTHER_CALLBACK), Set.of("read_user", "openid"), true));
        Response signedIn = given().redirects().follow(false).formParam("username", user.username())
                .formParam("password", user.password()).post(emulator.baseUrl() + "/users/sign_in");
        Response authorize = given().redirects().follow(false)
                .cookie("_gitlab_session", signedIn.getCookie("_gitlab_session"))
                .queryParam("client_id", clientId).queryParam("redirect_uri", OTHER_CALLBACK)
                .queryParam("response_type", "code").queryParam("scope", "read_user").queryParam("state", "s")
                .get(emulator.baseUrl() + "/oauth/authorize");
        String code = SignInFlow.queryParam(URI.create(authorize.header("Location")), "code");
        return given().formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", OTHER_CALLBACK).formParam("client_id", clientId)
                .formParam("client_secret", clientId + "-secret")
                .post(emulator.baseUrl() + "/oauth/token").then().statusCode(200).extract().path("refresh_token");
    }
}
