package dev.gitlablink.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.oidc.AuthorizationCodeFlow;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Without {@code TRUST_PROXY_HEADERS} the sign-in limit counts the connection's address: a client cannot pick a
 * fresh address per request with {@code X-Forwarded-For} or {@code Forwarded}.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.SIGN_IN_RATE_LIMIT, value = "6"))
class SignInRateLimitTest {

    @LocalServices
    TestSettings settings;

    @LocalServices
    GitLabEmulator emulator;

    /**
     * Both sign-in paths share one budget per address, forwarded headers or not, and the callback is refused before
     * the code flow redeems anything.
     */
    @Test
    void forwardedAddressesAreIgnoredUnlessTheProxyIsTrusted() {
        for (int i = 0; i < 3; i++) {
            given().baseUri(settings.baseUrl()).redirects().follow(false)
                    .header("X-Forwarded-For", "203.0.113." + i).header("Forwarded", "for=198.51.100." + i)
                    .accept("application/json")
                    .when().get("/login?returnTo=/").then().statusCode(302);
            given().baseUri(settings.baseUrl()).redirects().follow(false)
                    .header("X-Forwarded-For", "203.0.113.1" + i).accept("application/json")
                    .when().get("/auth/callback?code=forged-" + i + "&state=forged")
                    .then().statusCode(both(greaterThanOrEqualTo(300)).and(lessThan(429)));
        }
        emulator.stats().reset();
        for (String path : new String[] {"/login?returnTo=/", "/auth/callback?code=forged&state=forged"}) {
            given().baseUri(settings.baseUrl()).redirects().follow(false)
                    .header("X-Forwarded-For", "203.0.113.99").accept("application/json")
                    .when().get(path).then().statusCode(429)
                    .header("Retry-After", notNullValue())
                    .body("code", equalTo("rate_limited"));
        }
        assertEquals(0, emulator.stats().tokenRequests("authorization_code"), "no code was redeemed");
    }

    @Test
    void theHttpLayerCountsThePathsOfTheCodeFlowResources() {
        for (Class<?> resource : SignInRateLimitFilter.SIGN_IN_RESOURCES) {
            assertTrue(resource.isAnnotationPresent(AuthorizationCodeFlow.class), resource.getName());
            assertTrue(resource.isAnnotationPresent(SignInEndpoint.class), resource.getName());
        }
    }
}
