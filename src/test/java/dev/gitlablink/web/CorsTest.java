package dev.gitlablink.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** CORS_ENABLED=true with CORS_ALLOWED_ORIGINS: only the listed origin, with credentials. */
@QuarkusTest
@TestProfile(CorsTest.AllowedOrigin.class)
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CorsTest {

    static final String SPA_ORIGIN = "https://spa.example.test";
    static final String OTHER_ORIGIN = "https://evil.example.test";

    /** What CORS_ENABLED=true and CORS_ALLOWED_ORIGINS=https://spa.example.test set. */
    public static class AllowedOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("CORS_ENABLED", "true", "CORS_ALLOWED_ORIGINS", SPA_ORIGIN);
        }
    }

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Test
    void allowedOriginGetsCredentialedAccess() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "cors");
        user.api().header("Origin", SPA_ORIGIN).when().get("/api/session").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(SPA_ORIGIN))
                .header("Access-Control-Allow-Credentials", equalTo("true"));
    }

    @Test
    void preflightForTheAllowedOriginIsAnswered() {
        given().baseUri(settings.baseUrl())
                .header("Origin", SPA_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Content-Type, X-CSRF")
                .when().options("/api/logout")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(SPA_ORIGIN))
                .header("Access-Control-Allow-Credentials", equalTo("true"))
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("X-CSRF"));
    }

    @Test
    void theAllowedOriginMayChangeStateCrossSite() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "cors-write");
        user.api().header("Origin", SPA_ORIGIN).header("Sec-Fetch-Site", "cross-site").header("X-CSRF", "1")
                .when().post("/api/logout").then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo(SPA_ORIGIN));
        user.api().when().get("/api/session").then().statusCode(401);
    }

    @Test
    void aSiblingOrAnotherOriginMayNotChangeState() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "cors-sibling");
        for (String origin : new String[] {OTHER_ORIGIN, "https://sibling.example.test", "http://spa.example.test",
            "https://spa.example.test.evil.example.test", "null"}) {
            user.api().header("Origin", origin).header("Sec-Fetch-Site", "same-site").header("X-CSRF", "1")
                    .when().post("/api/logout").then()
                    .statusCode(403)
                    .header("Access-Control-Allow-Origin", nullValue());
        }
        user.api().when().get("/api/session").then().statusCode(200);
    }

    @Test
    void otherOriginsAreRefused() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "cors-other");
        user.api().header("Origin", OTHER_ORIGIN).when().get("/api/session").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().baseUri(settings.baseUrl())
                .header("Origin", OTHER_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "X-CSRF")
                .when().options("/api/logout")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
