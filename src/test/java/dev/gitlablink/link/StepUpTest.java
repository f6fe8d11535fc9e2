package dev.gitlablink.link;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.local.LocalPostgres;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LinkFlow;
import dev.gitlablink.testsupport.LinkIntentRows;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.ReadUserOnly;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.StoredState;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * Scope step-up, end to end against the emulator: sign-in asks only for {@code openid read_user}, so the project list
 * (which needs {@code read_api}) answers {@code gitlab_insufficient_scope} with a one-time {@code stepUpUrl}; following
 * it widens the account's grant, for the same GitLab user, in the same session, once.
 */
@QuarkusTest
@TestProfile(ReadUserOnly.class)
@WithTestResource(LocalServicesResource.class)
class StepUpTest {

    private static final Duration REVOCATION_WAIT = Duration.ofSeconds(15);
    private static final String COOKIE = SignedInUser.COOKIE;
    private static final Set<String> SIGN_IN = Set.of("openid", "read_user");
    private static final Set<String> STEPPED_UP = Set.of("openid", "read_user", "read_api");

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accountRows;

    @LocalServices
    LocalPostgres postgres;

    @Inject
    StoredState storedState;

    @Test
    void theRoundTripWidensTheGrantAndTheScopedCallSucceeds() {
        EmulatorUser alice = newUser("stepup");
        Browser browser = signedIn(alice);
        String account = accountId(browser);
        EmulatorToken signInPair = last(alice);
        assertEquals(SIGN_IN, Set.copyOf(signInPair.scopes()));

        String stepUpUrl = projects(browser, account).statusCode(403)
                .body("code", equalTo("gitlab_insufficient_scope"))
                .body("requiredScopes", hasItem("read_api"))
                .body("stepUpUrl", matchesPattern("/stepup/start/[A-Za-z0-9_-]{43}"))
                .extract().path("stepUpUrl");

        URI authorize = toGitLab(browser, stepUpUrl, "/projects?page=2");
        assertEquals(STEPPED_UP, Set.of(SignInFlow.queryParam(authorize, "scope").split(" ")),
                "the code flow asks for the granted scopes plus the missing one");
        StoredState.Snapshot before = storedState.read(emulator);
        Page done = finish(browser, new SignInFlow(browser, settings, emulator).authorizeAtGitLab(authorize, alice));

        assertEquals(303, done.status(), done.body());
        assertEquals(settings.baseUrl() + "/projects?page=2", done.location().toString());
        assertFalse(browser.cookies(settings.baseUrl()).containsKey("q_session"), "no OIDC session left behind");
        projects(browser, account).statusCode(200);
        session(browser).body("accounts[0].scopes", containsInAnyOrder(STEPPED_UP.toArray()));
        EmulatorToken widened = last(alice);
        assertEquals(STEPPED_UP, Set.copyOf(widened.scopes()));
        assertFalse(widened.revoked(), "the account keeps the wider grant");
        StoredState.Snapshot after = storedState.read(emulator);
        assertEquals(before.rows().get("linked_account"), after.rows().get("linked_account"), "no account added");
        // The old grant is revoked through the outbox: GitLab refuses the old pair.
        await().atMost(REVOCATION_WAIT).until(() -> tokenNamed(alice, signInPair).revoked());
        emulatorUser(signInPair.accessToken()).statusCode(401);
        refreshAtEmulator(signInPair.refreshToken()).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void scopesEditedOnTheWayToGitLabAreRefusedAndTheirGrantRevoked() {
        EmulatorUser alice = newUser("edited");
        Browser browser = signedIn(alice);
        String account = accountId(browser);
        Page start = browser.get(settings.baseUrl() + stepUpUrl(browser, account) + "?returnTo=/");
        assertEquals(303, start.status(), start.body());
        String edited = start.location().toString().replace("read_api", "read_api+api");
        Page complete = browser.get(edited);
        assertEquals(302, complete.status(), complete.body());
        assertTrue(List.of(SignInFlow.queryParam(complete.location(), "scope").split(" ")).contains("api"),
                "GitLab is asked for more than the step-up offered: " + complete.location());

        Page refused = finish(browser, new SignInFlow(browser, settings, emulator)
                .authorizeAtGitLab(complete.location(), alice));

        assertRefused(refused, 403, "step_up_scopes_not_granted");
        await().atMost(REVOCATION_WAIT).until(() -> last(alice).revoked());
        session(browser).body("accounts[0].scopes", containsInAnyOrder(SIGN_IN.toArray()));
    }

    @Test
    void anotherGitLabUserAtTheCallbackIsRefusedAndItsTokensRevoked() {
        EmulatorUser alice = newUser("owner");
        EmulatorUser mallory = newUser("other");
        Browser browser = signedIn(alice);
        String account = accountId(browser);
        String stepUpUrl = stepUpUrl(browser, account);

        URI authorize = toGitLab(browser, stepUpUrl, "/");
        browser.removeCookie(emulator.baseUrl(), "_gitlab_session");
        Page refused = finish(browser, new SignInFlow(browser, settings, emulator).authorizeAtGitLab(authorize, mallory));

        assertRefused(refused, 403, "step_up_identity_mismatch");
        assertTrue(accountRows.find(emulator.baseUrl(), String.valueOf(mallory.id())).isEmpty(), "mallory links nowhere");
        await().atMost(REVOCATION_WAIT).until(() -> last(mallory).revoked());
        assertFalse(last(alice).revoked(), "alice keeps her grant");
        session(browser).body("accounts[0].scopes", containsInAnyOrder(SIGN_IN.toArray()));
        projects(browser, account).statusCode(403);
    }

    @Test
    void aReplayedStepUpIsRefused() {
        EmulatorUser alice = newUser("replay");
        Browser browser = signedIn(alice);
        String account = accountId(browser);
        String stepUpUrl = stepUpUrl(browser, account);
        URI authorize = toGitLab(browser, stepUpUrl, "/");
        URI callback = new SignInFlow(browser, settings, emulator).authorizeAtGitLab(authorize, alice);
        assertEquals(303, finish(browser, callback).status());
        long codes = emulator.stats().tokenRequests("authorization_code");

        // The same callback again: its state was used up, so no code is redeemed.
        Page replayedCallback = browser.get(callback.toString());
        assertTrue(replayedCallback.status() < 500, "status " + replayedCallback.status());
        // The same step-up URL again: refused before GitLab is asked.
        Page replayedStart = browser.get(settings.baseUrl() + stepUpUrl);
        assertRefused(replayedStart, 409, "link_intent_used");
        assertEquals(codes, emulator.stats().tokenRequests("authorization_code"));

        // A new code flow carrying the used step-up: GitLab's new tokens are revoked and the account keeps its grant.
        EmulatorToken kept = last(alice);
        Page again = browser.get(settings.baseUrl() + "/stepup/complete?intent="
                + stepUpUrl.substring(stepUpUrl.lastIndexOf('/') + 1) + "&stepup=" + LinkFlow.DEFAULT_INSTANCE
                + "&scope=openid%20read_user%20read_api");
        assertEquals(302, again.status(), again.body());
        Page refused = finish(browser, new SignInFlow(browser, settings, emulator)
                .authorizeAtGitLab(again.location(), alice));
        assertRefused(refused, 409, "link_intent_used");
        await().atMost(REVOCATION_WAIT).until(() -> last(alice).revoked());
        assertFalse(tokenNamed(alice, kept).revoked(), "the stored grant stays");
        projects(browser, account).statusCode(200);
    }

    @Test
    void anExpiredStepUpIsRefused() {
        EmulatorUser alice = newUser("expiry");
        Browser browser = signedIn(alice);
        String account = accountId(browser);
        EmulatorToken kept = last(alice);
        String late = stepUpUrl(browser, account);
        URI authorize = toGitLab(browser, late, "/");

        new LinkIntentRows(postgres).expire(LinkFlow.intentHash(late));
        Page refused = finish(browser, new SignInFlow(browser, settings, emulator).authorizeAtGitLab(authorize, alice));

        assertRefused(refused, 410, "link_intent_expired");
        await().atMost(REVOCATION_WAIT).until(() -> last(alice).revoked());
        assertFalse(tokenNamed(alice, kept).revoked(), "the stored grant stays");
        session(browser).body("accounts[0].scopes", containsInAnyOrder(SIGN_IN.toArray()));
        String unused = stepUpUrl(browser, account);
        new LinkIntentRows(postgres).expire(LinkFlow.intentHash(unused));
        long codes = emulator.stats().tokenRequests("authorization_code");
        assertRefused(browser.get(settings.baseUrl() + unused), 410, "link_intent_expired");
        assertEquals(codes, emulator.stats().tokenRequests("authorization_code"));
    }

    @Test
    void aStepUpOfferedToAnotherSessionIsRefused() {
        EmulatorUser alice = newUser("session");
        Browser browser = signedIn(alice);
        String stepUpUrl = stepUpUrl(browser, accountId(browser));
        Browser alicesOtherBrowser = signedIn(alice);
        long codes = emulator.stats().tokenRequests("authorization_code");

        assertRefused(alicesOtherBrowser.get(settings.baseUrl() + stepUpUrl), 403, "link_session_mismatch");
        assertRefused(new Browser().get(settings.baseUrl() + stepUpUrl), 403, "link_session_mismatch");
        assertRefused(browser.get(settings.baseUrl() + "/links/start/" + stepUpUrl.substring(stepUpUrl.lastIndexOf('/') + 1)),
                404, "link_intent_not_found");
        assertEquals(codes, emulator.stats().tokenRequests("authorization_code"));
    }

    @Test
    void aSignInCannotUseTheStepUpTenantToAskForMore() {
        Page login = new Browser().get(settings.baseUrl() + "/login?returnTo=%2F&stepup=" + LinkFlow.DEFAULT_INSTANCE
                + "&scope=openid%20read_user%20api");

        assertEquals(302, login.status(), login.body());
        assertEquals(SIGN_IN, Set.of(SignInFlow.queryParam(login.location(), "scope").split(" ")),
                "GET /login asks for the sign-in scopes whatever its query says");
    }

    @Test
    void aLaterReadOnlySignInKeepsTheWiderGrant() {
        EmulatorUser alice = newUser("keeps");
        Browser browser = signedIn(alice);
        String account = accountId(browser);
        stepUp(browser, account, alice);
        EmulatorToken widened = last(alice);

        Browser another = signedIn(alice);

        EmulatorToken readOnly = last(alice);
        assertEquals(SIGN_IN, Set.copyOf(readOnly.scopes()), "the sign-in asked for the read scopes only");
        await().atMost(REVOCATION_WAIT).until(() -> last(alice).revoked());
        assertFalse(tokenNamed(alice, widened).revoked(), "the wider stored grant stays alive");
        session(another).body("accounts[0].scopes", containsInAnyOrder(STEPPED_UP.toArray()));
        projects(another, account).statusCode(200);
    }

    @Test
    void theUserCanDropBackToFewerScopes() {
        EmulatorUser alice = newUser("narrow");
        Browser browser = signedIn(alice);
        String account = accountId(browser);
        stepUp(browser, account, alice);
        EmulatorToken widened = last(alice);

        narrow(browser, account, "[\"openid\", \"read_user\", \"api\"]").statusCode(400)
                .body("code", equalTo("validation_failed")).body("errors[0].message", equalTo("not_granted"));
        narrow(browser, account, "[\"openid\"]").statusCode(400)
                .body("errors[0].message", equalTo("below_sign_in_scopes"));
        narrow(browser, account, "[]").statusCode(400).body("errors[0].message", equalTo("must_not_be_empty"));
        assertEquals(0, emulator.stats().refreshes(alice.id()), "nothing is sent to GitLab for a refused set");
        given().baseUri(settings.baseUrl()).cookie(COOKIE, browser.cookie(settings.baseUrl(), COOKIE).orElseThrow())
                .contentType("application/json").body("{\"scopes\": [\"openid\", \"read_user\"]}")
                .when().post("/api/accounts/" + account + "/scopes")
                .then().statusCode(403).body("code", equalTo("csrf_header_missing"));

        narrow(browser, account, "[\"read_user\", \"openid\"]").statusCode(200)
                .body("id", equalTo(account)).body("scopes", containsInAnyOrder(SIGN_IN.toArray()))
                .body("stepUpUrl", nullValue());

        assertEquals(1, emulator.stats().refreshes(alice.id()));
        EmulatorToken narrowed = last(alice);
        assertEquals(SIGN_IN, Set.copyOf(narrowed.scopes()), "GitLab narrowed the grant");
        session(browser).body("accounts[0].scopes", containsInAnyOrder(SIGN_IN.toArray()));
        projects(browser, account).statusCode(403).body("code", equalTo("gitlab_insufficient_scope"));
        await().atMost(REVOCATION_WAIT).until(() -> tokenNamed(alice, widened).revoked());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void stepUp(Browser browser, String account, EmulatorUser user) {
        URI authorize = toGitLab(browser, stepUpUrl(browser, account), "/");
        assertEquals(303, finish(browser, new SignInFlow(browser, settings, emulator)
                .authorizeAtGitLab(authorize, user)).status());
        projects(browser, account).statusCode(200);
    }

    private String stepUpUrl(Browser browser, String account) {
        return projects(browser, account).statusCode(403).extract().path("stepUpUrl");
    }

    /** Follows the step-up URL (with {@code returnTo}) to GitLab's authorize URL. */
    private URI toGitLab(Browser browser, String stepUpUrl, String returnTo) {
        Page start = browser.get(settings.baseUrl() + stepUpUrl + "?returnTo="
                + java.net.URLEncoder.encode(returnTo, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(303, start.status(), start.body());
        assertTrue(start.location().getPath().equals("/stepup/complete"), start.location().toString());
        Page complete = browser.get(start.location().toString());
        assertEquals(302, complete.status(), complete.body());
        assertTrue(complete.location().toString().startsWith(emulator.baseUrl() + "/oauth/authorize?"));
        return complete.location();
    }

    /** Follows GitLab's callback to the restored {@code /stepup/complete}; returns that answer. */
    private Page finish(Browser browser, URI callback) {
        Page answer = browser.get(callback.toString());
        assertEquals(302, answer.status(), answer.body());
        assertEquals("/stepup/complete", answer.location().getPath());
        return browser.get(answer.location().toString());
    }

    private ValidatableResponse projects(Browser browser, String account) {
        return given().baseUri(settings.baseUrl()).cookie(COOKIE, browser.cookie(settings.baseUrl(), COOKIE)
                        .orElseThrow())
                .when().get("/api/accounts/" + account + "/projects").then();
    }

    private ValidatableResponse narrow(Browser browser, String account, String scopes) {
        return given().baseUri(settings.baseUrl()).cookie(COOKIE, browser.cookie(settings.baseUrl(), COOKIE)
                        .orElseThrow())
                .header("X-CSRF", "1").contentType("application/json").body("{\"scopes\": " + scopes + "}")
                .when().post("/api/accounts/" + account + "/scopes").then();
    }

    private ValidatableResponse session(Browser browser) {
        return given().baseUri(settings.baseUrl()).cookie(COOKIE, browser.cookie(settings.baseUrl(), COOKIE)
                        .orElseThrow())
                .when().get("/api/session").then().statusCode(200);
    }

    private String accountId(Browser browser) {
        return session(browser).extract().path("accounts[0].id");
    }

    private ValidatableResponse emulatorUser(String accessToken) {
        return given().baseUri(emulator.baseUrl()).header("Authorization", "Bearer " + accessToken)
                .when().get("/api/v4/user").then();
    }

    private ValidatableResponse refreshAtEmulator(String refreshToken) {
        return given().baseUri(emulator.baseUrl()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .formParam("client_id", settings.clientId()).formParam("client_secret", settings.clientSecret())
                .when().post("/oauth/token").then();
    }

    private static void assertRefused(Page page, int status, String code) {
        assertEquals(status, page.status(), page.body());
        assertTrue(page.body().contains("\"code\":\"" + code + "\""), page.body());
    }

    private Browser signedIn(EmulatorUser user) {
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(user, "/");
        return browser;
    }

    private EmulatorToken last(EmulatorUser user) {
        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.id());
        return issued.get(issued.size() - 1);
    }

    /** The current snapshot of the pair {@code earlier} is a snapshot of. */
    private EmulatorToken tokenNamed(EmulatorUser user, EmulatorToken earlier) {
        return emulator.tokensIssuedTo(user.id()).stream()
                .filter(token -> token.accessToken().equals(earlier.accessToken())).findFirst().orElseThrow();
    }

    private EmulatorUser newUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Test " + prefix, username + "@example.test");
    }
}
