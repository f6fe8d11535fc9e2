package dev.gitlablink.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.NoTokens;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.RawHttp;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.StoredState;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Forged sign-ins on top of {@link SignInRejectionTest}: injected codes, forged states and state cookies, odd
 * {@code returnTo} values and other spellings of the callback. Never a 5xx or a token in an answer; a forgery
 * stores nothing (no user, account or session) and leaves no session cookie in the browser.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SignInForgeryTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    StoredState stored;

    /**
     * The code the callback carries, in place of the one GitLab issued ({@code {hex}}: a fresh 64-hex string). When a
     * query names {@code code} twice, quarkus-oidc reads the first, so the real code second is still a forgery.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "x", "{hex}", "%00", "%0d%0aSet-Cookie:%20injected=1",
        "%3Cscript%3Ealert(1)%3C/script%3E",
        "'%20OR%201=1%20--", "..%2F..%2Foauth%2Ftoken", "{huge}", "&code={code}", "{hex}&code={code}",
        "{hex}&error=access_denied", "{code}%20", "{code}x", "{other-browser-code}"})
    void injectedCodesSignNobodyIn(String code) {
        Attempt attempt = attempt();
        String forged = code.replace("{hex}", hex()).replace("{huge}", "A".repeat(5000))
                .replace("{code}", attempt.param("code"))
                .replace("{other-browser-code}", code.contains("other") ? attempt().param("code") : "");
        assertForgeryRefused(attempt, settings.redirectUri() + "?code=" + forged + "&state=" + attempt.param("state"));
    }

    /** The state the callback carries, in place of the one this browser's sign-in started with. */
    @ParameterizedTest
    @ValueSource(strings = {"", "x", "{huge}", "{state}%7Cjunk", "{state}%20", "{state}&state={state}",
        "{state}&state=x", "{other-browser-state}", "{state}%00", "%2e%2e%2F{state}"})
    void forgedStatesSignNobodyIn(String state) {
        Attempt attempt = attempt();
        String forged = state.replace("{huge}", "S".repeat(5000)).replace("{state}", attempt.param("state"))
                .replace("{other-browser-state}", state.contains("other") ? attempt().param("state") : "");
        assertForgeryRefused(attempt, settings.redirectUri() + "?code=" + attempt.param("code") + "&state=" + forged);
    }

    /** The state cookie's value, as a browser extension or a sibling subdomain might have replaced it. */
    @ParameterizedTest
    @ValueSource(strings = {"", "{state}", "{state}|", "{state}|garbage", "{state}|{huge}", "other|{rest}",
        "{state}|{rest}x"})
    void forgedStateCookiesSignNobodyIn(String value) {
        Attempt attempt = attempt();
        String name = attempt.stateCookieName();
        String real = attempt.browser().cookie(settings.baseUrl(), name).orElseThrow();
        String rest = real.substring(real.indexOf('|') + 1);
        attempt.browser().setCookie(settings.baseUrl(), name, value.replace("{state}", attempt.param("state"))
                .replace("{huge}", "C".repeat(3000)).replace("{rest}", rest));
        assertForgeryRefused(attempt, attempt.callback().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%2F%2Fevil.example", "/%2F%2Fevil.example", "/..//evil.example", "/%09/evil.example",
        "https:evil.example", "/%5Cevil.example", "/ok?next=//evil.example", "%E2%80%A8//evil.example",
        "/%0d%0aLocation:%20https://evil.example", "{long}", "/caf%C3%A9", "/%25ZZ", "%2F%5Cevil.example"})
    void oddReturnToStaysOnThisOrigin(String returnTo) {
        Browser browser = new Browser();
        SignInFlow flow = new SignInFlow(browser, settings, emulator);
        String raw = returnTo.replace("{long}", "/" + "a".repeat(3000));
        Page login = browser.get(settings.baseUrl() + "/login?returnTo=" + raw);
        assertEquals(302, login.status(), login.body());
        URI callback = flow.authorizeAtGitLab(login.location(), newUser());
        Page restored = browser.get(callback.toString());
        Page landing = browser.get(restored.location().toString());

        assertEquals(303, landing.status(), landing.body());
        URI target = landing.location();
        URI base = URI.create(settings.baseUrl());
        assertEquals(base.getScheme() + "://" + base.getAuthority(),
                target.getScheme() + "://" + target.getRawAuthority(),
                "returnTo " + returnTo + " left the origin: " + landing.header("Location").orElseThrow());
        assertFalse(landing.headers().map().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("X-Injected")));
    }

    /** The callback spelled otherwise, with the real code and state: nothing half-done, nothing broken. */
    @ParameterizedTest
    @ValueSource(strings = {"/auth/callback/", "//auth/callback", "/auth/%63allback", "/AUTH/callback",
        "/auth/callback;x=1", "/auth/./callback", "/auth/x/../callback", "/auth%2Fcallback"})
    void otherSpellingsOfTheCallback(String path) {
        Attempt attempt = attempt();
        StoredState.Snapshot before = stored.read(emulator);
        RawHttp.Answer answer = RawHttp.to(settings).send("GET", path + "?" + attempt.callback().getRawQuery(),
                List.of(attempt.cookieHeader(), "Accept: text/html"));

        assertTrue(answer.status() < 500, answer.toString());
        NoTokens.in(answer.headers() + answer.body(), emulator, attempt.user());
        boolean redeemed = answer.status() == 302 && answer.header("location").contains("/login");
        if (!redeemed) {
            assertEquals(before.rows(), stored.read(emulator).rows(), path + " -> " + answer);
        }
    }

    private void assertForgeryRefused(Attempt attempt, String callbackUrl) {
        StoredState.Snapshot before = stored.read(emulator);
        Page answer = attempt.browser().get(callbackUrl);
        Page last = answer;
        for (int hop = 0; hop < 3 && last.isRedirect()
                && last.location().toString().startsWith(settings.baseUrl()); hop++) {
            last = attempt.browser().get(last.location().toString());
        }

        assertTrue(answer.status() < 500 && last.status() < 500, answer.status() + " then " + last.status());
        NoTokens.in(answer.headers().map() + answer.body() + last.headers().map() + last.body(), emulator,
                attempt.user());
        assertEquals(before.rows(), stored.read(emulator).rows(), "nothing stored: " + callbackUrl);
        assertFalse(attempt.browser().cookies(settings.baseUrl()).containsKey(SignedInCookie.NAME), "no session");
        assertFalse(attempt.browser().cookies(settings.baseUrl()).containsKey("q_session"), "no OIDC session");
    }

    /** A sign-in up to GitLab's redirect back: the browser holds the state cookie, the callback URL is known. */
    private record Attempt(Browser browser, EmulatorUser user, URI callback) {

        String param(String name) {
            return SignInFlow.queryParam(callback, name);
        }

        String stateCookieName() {
            return browser.cookies(callback.getScheme() + "://" + callback.getRawAuthority()).keySet().stream()
                    .filter(name -> name.startsWith("q_auth")).findFirst().orElseThrow();
        }

        String cookieHeader() {
            Map<String, String> cookies = browser.cookies(callback.getScheme() + "://" + callback.getRawAuthority());
            return "Cookie: " + cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "));
        }
    }

    private Attempt attempt() {
        Browser browser = new Browser();
        EmulatorUser user = newUser();
        SignInFlow flow = new SignInFlow(browser, settings, emulator);
        URI callback = flow.authorizeAtGitLab(flow.startLogin("/").location(), user);
        return new Attempt(browser, user, callback);
    }

    private EmulatorUser newUser() {
        String username = "forger-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Forger", username + "@example.test");
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    /** The session cookie's name over http. */
    private static final class SignedInCookie {
        static final String NAME = "gitlab_link_session";
    }
}
