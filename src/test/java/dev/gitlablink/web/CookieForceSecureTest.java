package dev.gitlablink.web;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * COOKIE_FORCE_SECURE=true: TLS ends in front of the service and no forwarded headers are trusted, so every
 * request arrives as plain http, yet every cookie the service sets is {@code Secure}.
 */
@QuarkusTest
@TestProfile(CookieForceSecureTest.ForceSecure.class)
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CookieForceSecureTest {

    /** What COOKIE_FORCE_SECURE=true sets. */
    public static class ForceSecure implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gitlab-link.web.cookie-force-secure", "true");
        }
    }

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Test
    void signInOverPlainHttpSetsSecureCookiesOnly() {
        String username = "secure-" + UUID.randomUUID().toString().substring(0, 8);
        EmulatorUser user = emulator.createUser(username, "Secure Cookies", username + "@example.test");
        // The test browser sends cookies whatever their Secure flag says, so the flow completes over http.
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(user, "/");

        List<String> setCookies = browser.history().stream()
                .filter(page -> page.uri().toString().startsWith(settings.baseUrl()))
                .flatMap(page -> page.headers().allValues("Set-Cookie").stream())
                .toList();
        assertTrue(setCookies.stream().anyMatch(cookie -> cookie.startsWith(SignedInUser.COOKIE + "=")),
                "the session cookie was issued: " + setCookies);
        assertTrue(setCookies.stream().anyMatch(cookie -> cookie.startsWith("q_auth")),
                "quarkus-oidc's state cookie was issued: " + setCookies);
        // quarkus-oidc deletes its spent cookies with an empty value and no Secure flag: nothing travels in those.
        List<String> notSecure = setCookies.stream()
                .filter(cookie -> !cookie.contains("=;") && !cookie.contains("Secure"))
                .toList();
        assertEquals(List.of(), notSecure, "cookies with a value but without Secure");
    }

    @Test
    void clearingTheSessionCookieIsSecureToo() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "secure-logout");
        user.api().header("X-CSRF", "1").when().post("/api/logout")
                .then().statusCode(204)
                .header("Set-Cookie", containsString(SignedInUser.COOKIE + "="))
                .header("Set-Cookie", containsString("Secure"));

        RestAssured.given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE, user.sessionCookie())
                .when().get("/api/session")
                .then().statusCode(401)
                .header("Set-Cookie", containsString(SignedInUser.COOKIE + "="))
                .header("Set-Cookie", containsString("Secure"));
    }
}
