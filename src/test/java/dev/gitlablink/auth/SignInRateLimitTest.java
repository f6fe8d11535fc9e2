package dev.gitlablink.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.TestSettings;
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

    @Inject
    @ConfigProperty(name = "quarkus.http.auth.permission.login.paths")
    List<String> codeFlowPaths;

    @Test
    void forwardedAddressesAreIgnoredUnlessTheProxyIsTrusted() {
        for (int i = 0; i < 6; i++) {
            given().baseUri(settings.baseUrl()).redirects().follow(false)
                    .header("X-Forwarded-For", "203.0.113." + i).header("Forwarded", "for=198.51.100." + i)
                    .accept("application/json")
                    .when().get("/login?returnTo=/").then().statusCode(302);
        }
        given().baseUri(settings.baseUrl()).redirects().follow(false)
                .header("X-Forwarded-For", "203.0.113.99").accept("application/json")
                .when().get("/login?returnTo=/").then().statusCode(429).body("code", equalTo("rate_limited"));
    }

    @Test
    void theLimitCoversThePathsOfTheCodeFlowPermission() {
        assertEquals(codeFlowPaths, SignInRateLimitFilter.CODE_FLOW_PATHS);
    }
}
