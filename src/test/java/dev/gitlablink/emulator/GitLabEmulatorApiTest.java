package dev.gitlablink.emulator;

import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code /api/v4}: GitLab's OAuth guard, the current user and unknown routes. */
class GitLabEmulatorApiTest {

    private static final ApplicationRegistration APP = EmulatorFlows.confidentialApp("api-app",
            Set.of("openid", "read_user", "read_api", "api"), true);
    private static final String EXPIRED = "Token is expired. You can either do re-authorization or token refresh.";

    private static GitLabEmulator emulator;
    private static EmulatorFlows flows;
    private static EmulatorUser dave;
    private static String session;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults());
        flows = new EmulatorFlows(emulator);
        emulator.registerApplication(APP);
        dave = emulator.createUser("dave", "Dave Lister", "dave@example.test");
        session = flows.signIn(dave);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void currentUserWithReadUserScope() {
        Response response = flows.apiUser(flows.tokens(APP, session, "read_user").getString("access_token"));

        response.then().statusCode(200)
                .header("X-Frame-Options", "SAMEORIGIN")
                .header("X-Content-Type-Options", "nosniff")
                .body("id", equalTo((int) dave.id()))
                .body("username", equalTo("dave"))
                .body("email", equalTo("dave@example.test"))
                .body("state", equalTo("active"))
                .body("web_url", equalTo(emulator.baseUrl() + "/dave"))
                .body("identities", equalTo(List.of()));
        assertEquals(List.of("id", "username", "email", "name", "state", "locked", "avatar_url", "web_url"),
                List.copyOf(response.jsonPath().getMap("").keySet()).subList(0, 8));
    }

    @Test
    void tokenMayComeFromQueryParameters() {
        String token = flows.tokens(APP, session, "read_api").getString("access_token");

        EmulatorFlows.request().queryParam("access_token", token).get(flows.url("/api/v4/user"))
                .then().statusCode(200);
        EmulatorFlows.request().queryParam("bearer_token", token).get(flows.url("/api/v4/user"))
                .then().statusCode(200);
    }

    @Test
    void missingOrUnknownTokenIsPlain401() {
        EmulatorFlows.request().get(flows.url("/api/v4/user")).then().statusCode(401)
                .body("message", equalTo("401 Unauthorized"));
        flows.apiUser("0".repeat(64)).then().statusCode(401).body("message", equalTo("401 Unauthorized"));
    }

    @Test
    void tokenWithoutApiScopesIsInsufficientScope() {
        Response response = flows.apiUser(flows.tokens(APP, session, "openid").getString("access_token"));

        response.then().statusCode(403)
                .body("error", equalTo("insufficient_scope"))
                .body("error_description",
                        equalTo("The request requires higher privileges than provided by the access token."))
                .body("scope", equalTo("read_user api read_api"));
        assertNull(response.header("WWW-Authenticate"));
    }

    @Test
    void expiredTokenGetsInvalidTokenBodyAndChallenge() {
        emulator.knobs().accessTokenLifetime(Duration.ZERO);
        String token;
        try {
            token = flows.tokens(APP, session, "read_user").getString("access_token");
        } finally {
            emulator.knobs().accessTokenLifetime(EmulatorKnobs.DEFAULT_ACCESS_TOKEN_LIFETIME);
        }

        Response response = flows.apiUser(token);
        response.then().statusCode(401)
                .body("error", equalTo("invalid_token"))
                .body("error_description", equalTo(EXPIRED));
        assertEquals("Bearer realm=\"Protected by OAuth 2.0\", error=\"invalid_token\", error_description=\""
                + EXPIRED + "\"", response.header("WWW-Authenticate"));
    }

    @Test
    void revokedTokenGetsTheRevokedDescription() {
        String token = flows.tokens(APP, session, "api").getString("access_token");
        flows.revoke(APP, token).then().statusCode(200);

        flows.apiUser(token).then().statusCode(401)
                .body("error_description", equalTo("Token was revoked. You have to re-authorize from the user."));
    }

    @Test
    void unknownRouteIs404WithErrorKey() {
        EmulatorFlows.request().get(flows.url("/api/v4/nonexistent/thing")).then().statusCode(404)
                .header("X-Content-Type-Options", "nosniff")
                .body("error", equalTo("404 Not Found"));
    }
}
