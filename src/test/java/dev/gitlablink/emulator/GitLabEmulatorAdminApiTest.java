package dev.gitlablink.emulator;

import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code /-/emulator/} admin API, under a path prefix to prove it follows the prefix. */
class GitLabEmulatorAdminApiTest {

    private static GitLabEmulator emulator;
    private static ApiTestClient api;
    private static EmulatorUser lee;
    private static String token;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults().withPathPrefix("/gitlab").withAdminApi(true));
        api = new ApiTestClient(emulator);
        lee = emulator.createUser("lee", "Lee Admin", "lee@example.test");
        token = api.token(lee, "api");
    }

    @AfterEach
    void reset() {
        admin("/reset", "").then().statusCode(200);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    private static Response admin(String route, String json) {
        return EmulatorFlows.request().contentType("application/json").body(json)
                .post(emulator.baseUrl() + "/-/emulator" + route);
    }

    @Test
    void knobsAreReadableAndSettable() {
        EmulatorFlows.request().get(emulator.baseUrl() + "/-/emulator/knobs").then().statusCode(200)
                .body("latencyMs", equalTo(0)).body("down", equalTo(false)).body("pendingFailures", equalTo(0));

        admin("/knobs", "{\"latencyMs\":250,\"failNext\":{\"count\":2,\"status\":502},"
                + "\"rateLimitNext\":{\"count\":1,\"retryAfterSeconds\":7}}").then().statusCode(200)
                .body("latencyMs", equalTo(250)).body("pendingFailures", equalTo(2))
                .body("pendingRateLimits", equalTo(1));

        assertEquals(Duration.ofMillis(250), emulator.knobs().latency());
        long started = System.nanoTime();
        api.get(token, "/projects").then().statusCode(429).header("Retry-After", "7");
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 250);
        api.get(token, "/projects").then().statusCode(502);
        api.get(token, "/projects").then().statusCode(502);
        api.get(token, "/projects").then().statusCode(200);
    }

    /** The user knob sets what GET /user and the OIDC claims report, and a bad group path changes nothing. */
    @Test
    void userFactsAreSettable() {
        EmulatorUser kim = emulator.createUser("kim", "Kim", "kim@example.test");
        emulator.data().createGroup("ops", "Ops");
        ApplicationRegistration oidcApp = EmulatorFlows.confidentialApp("admin-oidc-app",
                java.util.Set.of("openid", "email", "api"), true);
        emulator.registerApplication(oidcApp);
        String kimsToken = api.flows().tokens(oidcApp, api.flows().signIn(kim), "openid email api")
                .getString("access_token");
        admin("/knobs", "{\"user\":{\"user\":\"kim\",\"state\":\"blocked\",\"removeGroups\":[\"nope\"]}}")
                .then().statusCode(400);
        api.get(kimsToken, "/user").then().statusCode(200).body("state", equalTo("active"));

        admin("/knobs", "{\"user\":{\"user\":\"kim\",\"state\":\"blocked\",\"bot\":true,"
                + "\"emailConfirmed\":false,\"addGroups\":[\"ops\"]}}").then().statusCode(200);

        api.get(kimsToken, "/user").then().statusCode(200).body("state", equalTo("blocked")).body("bot", equalTo(true));
        userinfo(kimsToken).then().statusCode(200).body("groups", equalTo(java.util.List.of("ops")))
                .body("email_verified", equalTo(false));
        admin("/knobs", "{\"user\":{\"user\":" + kim.id() + ",\"removeGroups\":[\"ops\"]}}").then()
                .statusCode(200);
        userinfo(kimsToken).then().statusCode(200).body("groups", equalTo(java.util.List.of()));
    }

    private static Response userinfo(String accessToken) {
        return EmulatorFlows.request().header("Authorization", "Bearer " + accessToken)
                .get(emulator.baseUrl() + "/oauth/userinfo");
    }

    @Test
    void timedKnobsAreSettable() {
        admin("/knobs", "{\"tokenLatencyMs\":40,\"failFor\":{\"seconds\":60,\"status\":502}}").then()
                .statusCode(200).body("tokenLatencyMs", equalTo(40))
                .body("timedFaultSecondsLeft", greaterThanOrEqualTo(58));
        api.get(token, "/projects").then().statusCode(502);
        admin("/knobs", "{\"rateLimitFor\":{\"seconds\":60,\"retryAfterSeconds\":9}}").then().statusCode(200);
        api.get(token, "/projects").then().statusCode(429).header("Retry-After", "9");
        admin("/knobs", "{\"failFor\":{\"seconds\":0}}").then().statusCode(200)
                .body("timedFaultSecondsLeft", equalTo(0));
        api.get(token, "/projects").then().statusCode(200);
        assertEquals(Duration.ofMillis(40), emulator.knobs().tokenLatency());
    }

    @Test
    void downSparesTheAdminApi() throws Exception {
        admin("/knobs", "{\"down\":true}").then().statusCode(200).body("down", equalTo(true));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/v4/user"))
                .header("Authorization", "Bearer " + token).build();

        assertThrows(IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
        admin("/knobs", "{\"down\":false}").then().statusCode(200);
        assertEquals(200, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void tokenKnobsTakeUsernameOrId() {
        try {
            String access = api.token(lee, "read_api");
            admin("/knobs", "{\"expireAccessTokens\":\"lee\"}").then().statusCode(200)
                    .body("expiredAccessTokens", greaterThanOrEqualTo(1));
            api.get(access, "/user").then().statusCode(401).body("error", equalTo("invalid_token"));

            String fresh = api.token(lee, "read_api");
            admin("/knobs", "{\"revokeAllTokens\":" + lee.id() + "}").then().statusCode(200)
                    .body("revokedTokens", greaterThanOrEqualTo(1));
            api.get(fresh, "/user").then().statusCode(401).body("error_description",
                    equalTo("Token was revoked. You have to re-authorize from the user."));
        } finally {
            token = api.token(lee, "api");
        }
    }

    @Test
    void statsAndResetCounters() {
        // A code exchange of its own: another test's reset may have cleared the one made before all tests.
        api.token(lee, "read_api");
        api.get(token, "/user").then().statusCode(200);
        api.get(token, "/projects").then().statusCode(200);

        EmulatorFlows.request().get(emulator.baseUrl() + "/-/emulator/stats").then().statusCode(200)
                .body("apiRequests", greaterThanOrEqualTo(2))
                .body("apiRequestsByPath.'/projects'", greaterThanOrEqualTo(1))
                .body("tokenRequests.authorization_code", greaterThanOrEqualTo(1));
        String refreshToken = api.tokens(lee, "read_api").getString("refresh_token");
        api.flows().refresh(ApiTestClient.APP, refreshToken).then().statusCode(200);
        EmulatorFlows.request().get(emulator.baseUrl() + "/-/emulator/stats").then().statusCode(200)
                .body("refreshesByUser.lee", equalTo(1));
        admin("/knobs", "{\"latencyMs\":100}");
        admin("/reset", "").then().statusCode(200).body("latencyMs", equalTo(0));
        EmulatorFlows.request().get(emulator.baseUrl() + "/-/emulator/stats").then()
                .body("apiRequests", equalTo(0));
    }

    @Test
    void badKnobRequestsAre400AndChangeNothing() {
        admin("/knobs", "{\"latencyMs\":100,\"latency\":5}").then().statusCode(400);
        admin("/knobs", "not json").then().statusCode(400);
        admin("/knobs", "{\"failNext\":{\"count\":1,\"status\":200}}").then().statusCode(400);
        admin("/knobs", "{\"expireAccessTokens\":\"nobody\"}").then().statusCode(400);
        assertEquals(Duration.ZERO, emulator.knobs().latency());
        assertEquals(0, emulator.knobs().pendingFailures());
    }

    @Test
    void adminApiIsOffByDefault() {
        try (GitLabEmulator plain = GitLabEmulator.start(EmulatorOptions.defaults())) {
            EmulatorFlows.request().get(plain.baseUrl() + "/-/emulator/knobs").then().statusCode(404);
            EmulatorFlows.request().post(plain.baseUrl() + "/-/emulator/reset").then().statusCode(404);
        }
    }
}
