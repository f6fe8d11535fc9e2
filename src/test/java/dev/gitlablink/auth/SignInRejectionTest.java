package dev.gitlablink.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.emulator.IdTokenFault;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.TestSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Sign-ins that must fail, leaving no session and no account behind. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SignInRejectionTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accountRows;

    @Inject
    MeterRegistry metrics;

    @AfterEach
    void resetEmulator() {
        emulator.knobs().reset();
    }

    @Test
    void tamperedStateIsRejected() {
        Attempt attempt = attemptUpToCallback();
        String state = SignInFlow.queryParam(attempt.callback(), "state");
        URI tampered = URI.create(attempt.callback().toString().replace("state=" + state, "state=" + "x" + state));
        double rejectedBefore = rejectedSignIns();

        assertRejected(attempt, attempt.browser().get(tampered.toString()));
        assertEquals(1, rejectedSignIns() - rejectedBefore, "gitlab_link_sign_ins_total{outcome=rejected} counts it");
    }

    private double rejectedSignIns() {
        return metrics.get("gitlab_link.sign_ins").tag("outcome", "rejected").counter().count();
    }

    @Test
    void missingStateIsRejected() {
        Attempt attempt = attemptUpToCallback();
        String code = SignInFlow.queryParam(attempt.callback(), "code");

        assertRejected(attempt, attempt.browser().get(settings.redirectUri() + "?code=" + code));
    }

    @Test
    void missingStateCookieIsRejected() {
        Attempt attempt = attemptUpToCallback();
        attempt.browser().cookies(settings.baseUrl()).keySet().stream()
                .filter(name -> name.startsWith("q_auth"))
                .forEach(name -> attempt.browser().removeCookie(settings.baseUrl(), name));

        // Without its state cookie the callback cannot be matched to a sign-in this browser started:
        // quarkus-oidc starts a new one at GitLab instead of using the code.
        Page answer = attempt.browser().get(attempt.callback().toString());
        assertTrue(answer.status() == 401 || answer.location().toString().startsWith(emulator.baseUrl() + "/oauth/authorize"),
                "expected a refusal or a fresh sign-in, got " + answer.status());
        assertNoSessionNorAccount(attempt);
    }

    @Test
    void replayedAuthorizationCodeIsRejected() {
        Attempt attempt = attemptUpToCallback();
        String stateCookieName = attempt.browser().cookies(settings.baseUrl()).keySet().stream()
                .filter(name -> name.startsWith("q_auth")).findFirst().orElseThrow();
        String stateCookie = attempt.browser().cookie(settings.baseUrl(), stateCookieName).orElseThrow();
        Page first = attempt.browser().get(attempt.callback().toString());
        assertEquals(302, first.status(), "the first use of the code signs in");
        long codeExchanges = emulator.stats().tokenRequests("authorization_code");

        // An attacker replays the same callback (code and state) with the state cookie it observed.
        Browser attacker = new Browser();
        attacker.setCookie(settings.baseUrl(), stateCookieName, stateCookie);
        Page replay = attacker.get(attempt.callback().toString());

        assertEquals(401, replay.status());
        assertFalse(attacker.cookies(settings.baseUrl()).containsKey("q_session"));
        assertFalse(attacker.cookies(settings.baseUrl()).containsKey(SignInTest.COOKIE));
        assertEquals(codeExchanges, emulator.stats().tokenRequests("authorization_code"),
                "GitLab refused the second exchange of the code");
    }

    @ParameterizedTest
    @EnumSource(value = IdTokenFault.class, names = {"BAD_SIGNATURE", "WRONG_ISSUER", "WRONG_AUDIENCE", "EXPIRED",
        "WRONG_NONCE"})
    void invalidIdTokenIsRejected(IdTokenFault fault) {
        Attempt attempt = attemptUpToCallback();
        emulator.knobs().nextIdTokenFault(fault);

        assertRejected(attempt, attempt.browser().get(attempt.callback().toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "https://evil.example", "/\\evil.example", "\\\\evil.example",
        "http:/evil.example", "javascript:alert(1)", "/\r\nLocation: https://evil.example", "evil.example"})
    void offSiteReturnToFallsBackToRoot(String returnTo) {
        Browser browser = new Browser();
        SignInFlow.Hops hops = new SignInFlow(browser, settings, emulator).signIn(newUser(), returnTo);

        assertEquals(URI.create(settings.baseUrl() + "/"), hops.landing().location());
    }

    private record Attempt(Browser browser, EmulatorUser user, URI callback) {
    }

    private Attempt attemptUpToCallback() {
        Browser browser = new Browser();
        EmulatorUser user = newUser();
        SignInFlow flow = new SignInFlow(browser, settings, emulator);
        URI callback = flow.authorizeAtGitLab(flow.startLogin("/").location(), user);
        return new Attempt(browser, user, callback);
    }

    private void assertRejected(Attempt attempt, Page callbackAnswer) {
        assertTrue(callbackAnswer.status() == 401 || callbackAnswer.status() == 400,
                "expected the callback to be refused, got " + callbackAnswer.status());
        assertNoSessionNorAccount(attempt);
    }

    private void assertNoSessionNorAccount(Attempt attempt) {
        assertFalse(attempt.browser().cookies(settings.baseUrl()).containsKey("q_session"), "no OIDC session");
        assertFalse(attempt.browser().cookies(settings.baseUrl()).containsKey(SignInTest.COOKIE), "no app session");
        assertTrue(accountRows.find(emulator.baseUrl(), String.valueOf(attempt.user().id())).isEmpty(),
                "no linked account");
    }

    private EmulatorUser newUser() {
        String username = "mallory-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Mallory Tester", username + "@example.test");
    }
}
