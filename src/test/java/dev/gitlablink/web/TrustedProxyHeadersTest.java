package dev.gitlablink.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
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
import io.restassured.response.Response;

/** Behind a TLS-terminating proxy (TRUST_PROXY_HEADERS=true) the cookies are Secure and the redirect https. */
@QuarkusTest
@TestProfile(TrustedProxyHeadersTest.BehindProxy.class)
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TrustedProxyHeadersTest {

    /** What TRUST_PROXY_HEADERS=true sets. */
    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-forwarded", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.enable-forwarded-host", "true");
        }
    }

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Test
    void sessionCookieIsSecureWhenTheProxySaysHttps() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "proxy");
        user.api().header("X-Forwarded-Proto", "https").header("X-CSRF", "1")
                .when().post("/api/logout")
                .then().statusCode(204)
                .header("Set-Cookie", containsString(SignedInUser.COOKIE + "="))
                .header("Set-Cookie", containsString("Secure"));
    }

    @Test
    void oidcStateCookieIsSecureAndRedirectUriHttpsBehindTheProxy() {
        Response login = RestAssured.given().baseUri(settings.baseUrl()).redirects().follow(false)
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "gitlab-link.example.test")
                .when().get("/login?returnTo=/");
        login.then().statusCode(302).header("Location", startsWith(emulator.baseUrl()));
        String redirectUri = SignInFlow.queryParam(URI.create(login.header("Location")), "redirect_uri");
        assertTrue(redirectUri.startsWith("https://gitlab-link.example.test/auth/callback"), redirectUri);
        login.then().header("Set-Cookie", containsString("q_auth"));
        login.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith("q_auth"))
                .forEach(cookie -> assertTrue(cookie.contains("Secure"), cookie));
    }

    @Test
    void forwardedHeaderIsHonouredToo() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "fwd");
        user.api().header("Forwarded", "proto=https;host=gitlab-link.example.test").header("X-CSRF", "1")
                .when().post("/api/logout")
                .then().statusCode(204)
                .header("Set-Cookie", containsString("Secure"));
    }
}
