package dev.gitlablink.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.RawHttp;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PUBLIC_BASE_URL=https://...: the pod sees plain http (a TLS-terminating ingress in front, no forwarded headers
 * trusted), yet the session cookie is {@code __Host-} and Secure, quarkus-oidc's cookies are Secure with the state
 * cookie SameSite=Lax, answers carry HSTS, and GitLab sends the browser back to the public URL. The test plays the
 * ingress: it maps the public URL to the service's local one.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = LocalServicesResource.PUBLIC_BASE_URL, value = HttpsPublicBaseUrlTest.PUBLIC))
class HttpsPublicBaseUrlTest {

    static final String PUBLIC = "https://gitlab-link.example.test";
    static final String COOKIE = "__Host-gitlab_link_session";

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Test
    void signInOverThePublicHttpsUrlSetsAHostPrefixedSecureSessionCookie() {
        Browser browser = new Browser();
        SignInFlow flow = new SignInFlow(browser, settings, emulator);
        Page login = flow.startLogin("/after");
        assertEquals(PUBLIC + "/auth/callback", SignInFlow.queryParam(login.location(), "redirect_uri"),
                "GitLab is asked to send the browser back to the public URL, not to what the pod sees");
        assertEquals(SecurityHeadersFilter.STRICT_TRANSPORT_SECURITY,
                login.header("Strict-Transport-Security").orElse(null));
        List<String> stateCookies = setCookies(login, "q_auth");
        assertFalse(stateCookies.isEmpty(), "quarkus-oidc's state cookie");
        stateCookies.forEach(cookie -> {
            assertTrue(cookie.contains("Secure"), cookie);
            assertTrue(cookie.toLowerCase(Locale.ROOT).contains("samesite=lax"), "Strict would break GitLab's "
                    + "redirect back: " + cookie);
        });
        List<String> binding = setCookies(login, "__Host-gitlab_link_signin_");
        assertEquals(1, binding.size(), "the sign-in is bound to this browser by a __Host- cookie: "
                + login.headers().allValues("Set-Cookie"));
        assertTrue(binding.getFirst().contains("Secure") && binding.getFirst().contains("Path=/")
                && !binding.getFirst().toLowerCase(Locale.ROOT).contains("domain"), binding.getFirst());

        URI callback = flow.authorizeAtGitLab(login.location(), newUser(), PUBLIC + "/auth/callback");
        Page restored = browser.get(local(callback));
        assertEquals(302, restored.status(), restored.body());
        assertTrue(restored.location().toString().startsWith(PUBLIC + "/login"), "back to the public /login: "
                + restored.location());
        setCookies(restored, "q_session").stream().filter(cookie -> !cookie.contains("=;"))
                .forEach(cookie -> assertTrue(cookie.contains("Secure"), cookie));
        Page landing = browser.get(local(restored.location()));

        assertEquals(303, landing.status(), landing.body());
        assertEquals("/after", landing.header("Location").orElseThrow());
        List<String> session = setCookies(landing, COOKIE);
        assertEquals(1, session.size(), landing.headers().allValues("Set-Cookie").toString());
        String cookie = session.getFirst();
        assertTrue(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("Path=/"), cookie);
        assertFalse(cookie.toLowerCase(Locale.ROOT).contains("domain"), "a __Host- cookie has no Domain: " + cookie);
        assertTrue(setCookies(landing, "gitlab_link_session").isEmpty(), "no cookie without the prefix");

        String value = browser.cookie(settings.baseUrl(), COOKIE).orElseThrow();
        given().baseUri(settings.baseUrl()).cookie(COOKIE, value).when().get("/api/session").then()
                .statusCode(200)
                .header("Strict-Transport-Security", equalTo(SecurityHeadersFilter.STRICT_TRANSPORT_SECURITY))
                .header("Cache-Control", equalTo("no-store"));
        given().baseUri(settings.baseUrl()).cookie("gitlab_link_session", value).when().get("/api/session").then()
                .statusCode(401);

        given().baseUri(settings.baseUrl()).cookie(COOKIE, value).header("X-CSRF", "1").header("Origin", PUBLIC)
                .header("Sec-Fetch-Site", "same-origin")
                .when().post("/api/logout").then()
                .statusCode(204)
                .header("Set-Cookie", containsString(COOKIE + "=;"))
                .header("Set-Cookie", containsString("Secure"));
        given().baseUri(settings.baseUrl()).cookie(COOKIE, value).when().get("/api/session").then()
                .statusCode(401)
                .header("Set-Cookie", containsString(COOKIE + "="))
                .header("Set-Cookie", containsString("Secure"))
                .header("Set-Cookie", not(containsString("Domain")));
    }

    @Test
    void theOriginMustBeThePublicOneNotWhatThePodSees() {
        Browser browser = new Browser();
        SignInFlow flow = new SignInFlow(browser, settings, emulator);
        URI callback = flow.authorizeAtGitLab(flow.startLogin("/").location(), newUser(), PUBLIC + "/auth/callback");
        browser.get(local(browser.get(local(callback)).location()));
        String value = browser.cookie(settings.baseUrl(), COOKIE).orElseThrow();

        for (String origin : List.of(settings.baseUrl(), "http://gitlab-link.example.test",
                "https://gitlab-link.example.test:8443", "https://other.example.test")) {
            given().baseUri(settings.baseUrl()).cookie(COOKIE, value).header("X-CSRF", "1").header("Origin", origin)
                    .when().post("/api/logout").then()
                    .statusCode(403)
                    .body("code", equalTo("cross_origin_refused"));
        }
        given().baseUri(settings.baseUrl()).cookie(COOKIE, value).when().get("/api/session").then().statusCode(200);
    }

    @Test
    void spoofedHostOrForwardedHeadersDoNotMoveTheRedirectUri() {
        for (List<String> headers : List.of(List.of("Host: evil.example.test"),
                List.of("X-Forwarded-Host: evil.example.test", "X-Forwarded-Proto: http"),
                List.of("Forwarded: host=evil.example.test;proto=http"))) {
            RawHttp.Answer login = RawHttp.to(settings).send("GET", "/login", headers);
            assertEquals(302, login.status(), login.toString());
            assertEquals(PUBLIC + "/auth/callback",
                    SignInFlow.queryParam(URI.create(login.header("location")), "redirect_uri"), headers.toString());
        }
    }

    @Test
    void everyAnswerCarriesHsts() {
        for (String path : List.of("/", "/app.js", "/api/session", "/q/health/live", "/nothing-here")) {
            given().baseUri(settings.baseUrl()).when().get(path).then()
                    .header("Strict-Transport-Security", equalTo(SecurityHeadersFilter.STRICT_TRANSPORT_SECURITY));
        }
    }

    /** The ingress: the public URL as the service sees it. */
    private String local(URI publicUri) {
        assertTrue(publicUri.toString().startsWith(PUBLIC + "/"), "expected the public URL: " + publicUri);
        return settings.baseUrl() + publicUri.toString().substring(PUBLIC.length());
    }

    private static List<String> setCookies(Page page, String namePrefix) {
        return page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(namePrefix)).toList();
    }

    private EmulatorUser newUser() {
        String username = "https-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Https Tester", username + "@example.test");
    }
}
