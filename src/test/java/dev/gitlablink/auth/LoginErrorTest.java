package dev.gitlablink.auth;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** A sign-in that fails at GitLab, or whose callback is refused, lands on the SPA with an error code. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LoginErrorTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Test
    void deniedConsentLandsOnTheSpaWithTheError() {
        Browser browser = new Browser();
        URI authorize = new SignInFlow(browser, settings, emulator).startLogin("/").location();
        String state = SignInFlow.queryParam(authorize, "state");
        String callback = settings.redirectUri() + "?error=access_denied&error_description="
                + URLEncoder.encode("The resource owner or authorization server denied the request.",
                        StandardCharsets.UTF_8)
                + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);

        Page answer = browser.get(callback);
        assertEquals(302, answer.status(), "quarkus-oidc should redirect to its error path");
        assertEquals("/auth/error", answer.location().getPath());
        Page landing = browser.get(answer.location().toString());
        assertEquals(303, landing.status());
        assertEquals(URI.create(settings.baseUrl() + "/?loginError=access_denied"), landing.location());
        Page spa = browser.get(landing.location().toString());
        assertEquals(200, spa.status());
        assertTrue(spa.body().contains("id=\"app\""), "the SPA's page");
        assertFalse(browser.cookie(settings.baseUrl(), "gitlab_link_session").isPresent(), "not signed in");
    }

    @Test
    void unknownErrorsAreNotEchoed() {
        RestAssured.given().baseUri(settings.baseUrl()).redirects().follow(false)
                .when().get("/auth/error?error=<script>alert(1)</script>&error_description=evil")
                .then().statusCode(303)
                .header("Location", containsString("/?loginError=login_failed"));
    }

    @Test
    void gitLabFailingWhileTheAccountIsStoredSendsABrowserToTheSpaAndDropsTheTokenCookie() {
        String username = "throttled-" + UUID.randomUUID().toString().substring(0, 8);
        EmulatorUser user = emulator.createUser(username, "Throttled Sign-in", username + "@example.test");
        Browser browser = new Browser();
        SignInFlow flow = new SignInFlow(browser, settings, emulator);
        URI callbackUrl = flow.authorizeAtGitLab(flow.startLogin("/").location(), user);
        Page callback = browser.get(callbackUrl.toString());
        assertEquals(302, callback.status(), "quarkus-oidc redeemed the code and restores /login");
        assertTrue(browser.cookies(settings.baseUrl()).keySet().stream()
                .anyMatch(name -> name.startsWith("q_session")), "quarkus-oidc holds the tokens in its session cookie");
        // GitLab throttles the userinfo and token info calls that storing the account makes.
        emulator.knobs().rateLimitOAuthNext(2, Duration.ofSeconds(30));
        try {
            Response navigation = RestAssured.given().baseUri(settings.baseUrl()).redirects().follow(false)
                    .cookies(browser.cookies(settings.baseUrl()))
                    .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                    .when().get(callback.location().getRawPath() + "?" + callback.location().getRawQuery());

            assertEquals(303, navigation.statusCode(), navigation.asString());
            assertTrue(navigation.header("Location").endsWith("/?loginError=temporarily_unavailable"),
                    navigation.header("Location"));
            List<String> setCookies = navigation.getHeaders().getValues("Set-Cookie");
            assertTrue(setCookies.stream()
                    .anyMatch(cookie -> cookie.startsWith("q_session") && cookie.contains("=;")),
                    "the token cookie is cleared: " + setCookies);
            assertFalse(setCookies.stream().anyMatch(cookie -> cookie.startsWith("gitlab_link_session=")),
                    "no session: " + setCookies);
        } finally {
            emulator.knobs().reset();
        }
    }

    @Test
    void refusedCallbackSendsABrowserToTheSpa() {
        Browser browser = new Browser();
        URI authorize = new SignInFlow(browser, settings, emulator).startLogin("/").location();
        String state = SignInFlow.queryParam(authorize, "state");
        String tampered = settings.redirectUri() + "?code=bogus&state=x" + URLEncoder.encode(state, StandardCharsets.UTF_8);
        Map<String, String> cookies = browser.cookies(settings.baseUrl());

        Response navigation = RestAssured.given().baseUri(settings.baseUrl()).redirects().follow(false)
                .cookies(cookies)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .when().get(URI.create(tampered).getRawPath() + "?" + URI.create(tampered).getRawQuery());
        assertEquals(303, navigation.statusCode(), navigation.asString());
        assertTrue(navigation.header("Location").endsWith("/?loginError=login_failed"), navigation.header("Location"));
        assertEquals("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
                + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
                navigation.header("Content-Security-Policy"));
    }
}
