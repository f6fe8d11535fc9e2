package dev.gitlablink.testsupport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;

/**
 * Drives the linking of another GitLab account through the service and the emulator, one hop at a time, in a
 * browser that is already signed in: {@code POST /api/links}, {@code /links/start/{id}}, {@code /links/complete},
 * GitLab, the callback and the restored {@code /links/complete}.
 */
public final class LinkFlow {

    /** The id of the instance {@code GITLAB_URL} configures, when {@code GITLAB_INSTANCE_ID} is not set. */
    public static final String DEFAULT_INSTANCE = "gitlab";

    /** The emulator's own sign-in cookie: dropped before GitLab is asked, so GitLab asks who signs in. */
    private static final String EMULATOR_SESSION_COOKIE = "_gitlab_session";

    private final Browser browser;
    private final TestSettings settings;
    private final GitLabEmulator emulator;
    private final String instance;

    public LinkFlow(Browser browser, TestSettings settings, GitLabEmulator emulator) {
        this(browser, settings, emulator, DEFAULT_INSTANCE);
    }

    /** A link of an account on the instance {@code instance}, whose GitLab is {@code emulator}. */
    public LinkFlow(Browser browser, TestSettings settings, GitLabEmulator emulator, String instance) {
        this.browser = browser;
        this.settings = settings;
        this.emulator = emulator;
        this.instance = instance;
    }

    /** {@code POST /api/links} with the browser's session; returns the start URL it answers. */
    public String request() {
        return given().baseUri(settings.baseUrl())
                .cookie(SignedInUser.COOKIE, browser.cookie(settings.baseUrl(), SignedInUser.COOKIE).orElseThrow())
                .header("X-CSRF", "1").contentType("application/json").body("{\"instance\":\"" + instance + "\"}")
                .when().post("/api/links")
                .then().statusCode(200)
                .extract().path("authorizeUrl");
    }

    /** Opens the start URL; returns its answer (303 to /links/complete when accepted). */
    public Page start(String startUrl) {
        return browser.get(settings.baseUrl() + startUrl);
    }

    /** From an accepted start up to GitLab: returns GitLab's authorize URL. */
    public URI toGitLab(Page acceptedStart) {
        assertEquals(303, acceptedStart.status(), "the start should be accepted: " + acceptedStart.body());
        Page complete = browser.get(acceptedStart.location().toString());
        assertEquals(302, complete.status(), "/links/complete should redirect to GitLab: " + complete.body());
        assertTrue(complete.location().toString().startsWith(emulator.baseUrl() + "/oauth/authorize?"));
        return complete.location();
    }

    /** Signs {@code user} in at GitLab (whoever was signed in there before) and returns the callback URL. */
    public URI authorize(URI authorizeUrl, EmulatorUser user) {
        browser.removeCookie(emulator.baseUrl(), EMULATOR_SESSION_COOKIE);
        return new SignInFlow(browser, settings, emulator).authorizeAtGitLab(authorizeUrl, user);
    }

    /** Follows the callback to the restored {@code /links/complete}; returns that last answer. */
    public Page finish(URI callbackUrl) {
        Page callback = browser.get(callbackUrl.toString());
        assertEquals(302, callback.status(), "the callback should redirect to the restored URL: " + callback.body());
        assertTrue(callback.location().getPath().equals("/links/complete"), callback.location().toString());
        return browser.get(callback.location().toString());
    }

    /** The whole link of {@code user}; returns the last answer (303 to {@code /?linked=<id>} when linked). */
    public Page link(EmulatorUser user) {
        return finish(authorize(toGitLab(start(request())), user));
    }

    /** The stored hash of a start URL's intent id (as for session ids: SHA-256, hex). */
    public static String intentHash(String startUrl) {
        String id = startUrl.substring(startUrl.lastIndexOf('/') + 1);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
