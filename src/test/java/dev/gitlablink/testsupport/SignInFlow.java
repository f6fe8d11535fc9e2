package dev.gitlablink.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;

/**
 * Drives the real sign-in through the service and the emulator, one hop at a time, and keeps every hop
 * so tests can check the authorize request, the callback and the final redirect.
 */
public final class SignInFlow {

    /** The hops of one sign-in. */
    public record Hops(Page login, URI authorizeUrl, Page callback, Page loginAfterCallback, Page landing) {
    }

    private final Browser browser;
    private final TestSettings settings;
    private final GitLabEmulator emulator;

    public SignInFlow(Browser browser, TestSettings settings, GitLabEmulator emulator) {
        this.browser = browser;
        this.settings = settings;
        this.emulator = emulator;
    }

    /** Starts at {@code /login}, returns the redirect to GitLab's authorize endpoint. */
    public Page startLogin(String returnTo) {
        return startLogin(returnTo, null);
    }

    /** As {@link #startLogin(String)}, with {@code /login?instance=} naming the GitLab instance (null: none). */
    public Page startLogin(String returnTo, String instance) {
        String url = settings.baseUrl() + "/login"
                + (returnTo == null ? "" : "?returnTo=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8))
                + (instance == null ? "" : (returnTo == null ? "?" : "&") + "instance=" + instance);
        Page login = browser.get(url);
        assertEquals(302, login.status(), "GET /login should redirect to GitLab");
        return login;
    }

    /** Signs {@code user} in at the emulator and follows its authorize redirect up to our callback URL. */
    public URI authorizeAtGitLab(URI authorizeUrl, EmulatorUser user) {
        return authorizeAtGitLab(authorizeUrl, user, settings.redirectUri());
    }

    /** As {@link #authorizeAtGitLab(URI, EmulatorUser)}, for a service whose callback URL is {@code redirectUri}. */
    public URI authorizeAtGitLab(URI authorizeUrl, EmulatorUser user, String redirectUri) {
        Page answer = browser.get(authorizeUrl.toString());
        if (answer.isRedirect() && answer.location().getPath().endsWith("/users/sign_in")) {
            Page form = browser.get(answer.location().toString());
            String redirectTo = queryParam(answer.location(), "redirect_to");
            Page signedIn = browser.post(emulator.baseUrl() + "/users/sign_in",
                    Map.of("username", user.username(), "password", user.password(), "redirect_to", redirectTo));
            assertEquals(302, signedIn.status(), "emulator sign-in failed: " + form.status());
            answer = browser.get(signedIn.location().toString());
        }
        assertEquals(302, answer.status(), "authorize should redirect back to the service");
        URI callback = answer.location();
        assertTrue(callback.toString().startsWith(redirectUri), "unexpected redirect " + callback);
        return callback;
    }

    /** The whole flow for {@code user}, ending on the page {@code returnTo} redirected to. */
    public Hops signIn(EmulatorUser user, String returnTo) {
        return signIn(user, returnTo, null);
    }

    /** As {@link #signIn(EmulatorUser, String)}, on the instance {@code instance} (this flow's emulator). */
    public Hops signIn(EmulatorUser user, String returnTo, String instance) {
        Page login = startLogin(returnTo, instance);
        URI authorizeUrl = login.location();
        URI callbackUrl = authorizeAtGitLab(authorizeUrl, user);
        Page callback = browser.get(callbackUrl.toString());
        assertEquals(302, callback.status(), "callback should redirect to the restored /login: " + callback.body());
        Page loginAfterCallback = browser.get(callback.location().toString());
        assertEquals(303, loginAfterCallback.status(), "/login should redirect to returnTo: "
                + loginAfterCallback.body());
        return new Hops(login, authorizeUrl, callback, loginAfterCallback, loginAfterCallback);
    }

    public static String queryParam(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
