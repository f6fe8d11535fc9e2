package dev.gitlablink.emulator;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 8628 device authorization grant as GitLab runs it. */
class GitLabEmulatorDeviceFlowTest {

    private static final ApplicationRegistration CLI = EmulatorFlows.publicApp("cli", Set.of("openid", "read_user",
            "api"), false);
    private static final ApplicationRegistration OTHER = EmulatorFlows.publicApp("other-cli", Set.of("read_user"),
            false);

    private static GitLabEmulator emulator;
    private static EmulatorFlows flows;
    private static String session;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults());
        flows = new EmulatorFlows(emulator);
        emulator.registerApplication(CLI);
        emulator.registerApplication(OTHER);
        session = flows.signIn(emulator.createUser("carol", "Carol Danvers", "carol@example.test"));
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void pendingSlowDownApproveAndSuccess() {
        long before = emulator.stats().tokenRequests(EmulatorFlows.DEVICE_GRANT);
        Response authorization = flows.authorizeDevice(CLI, "openid read_user");
        authorization.then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .body("user_code", matchesPattern("[0-9A-Z]{8}"))
                .body("verification_uri", equalTo(emulator.baseUrl() + "/oauth/device"))
                .body("expires_in", equalTo(300))
                .body("interval", equalTo(5));
        JsonPath device = authorization.jsonPath();
        assertEquals(List.of("device_code", "user_code", "verification_uri", "verification_uri_complete",
                "expires_in", "interval"), List.copyOf(device.getMap("").keySet()));
        assertEquals(emulator.baseUrl() + "/oauth/device?user_code=" + device.getString("user_code"),
                device.getString("verification_uri_complete"));
        String deviceCode = device.getString("device_code");

        GitLabEmulatorOAuthTest.assertOAuthError(flows.pollDevice(CLI, deviceCode), 400, "authorization_pending");
        GitLabEmulatorOAuthTest.assertOAuthError(flows.pollDevice(CLI, deviceCode), 400, "slow_down");

        EmulatorFlows.request().cookie("_gitlab_session", session)
                .get(flows.url("/oauth/device?user_code=" + device.getString("user_code")))
                .then().statusCode(200);
        flows.confirmDevice(session, device.getString("user_code").toLowerCase(), "authorize").then().statusCode(200);

        // Polling faster than the interval keeps answering slow_down; the first poll after it gets the tokens.
        Response success = await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(500))
                .until(() -> flows.pollDevice(CLI, deviceCode), response -> response.statusCode() != 400
                        || !"slow_down".equals(response.jsonPath().getString("error")));
        success.then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("openid read_user"))
                .body("refresh_token", matchesPattern("[0-9a-f]{64}"));
        assertTrue(success.jsonPath().getString("id_token").split("\\.").length == 3);
        flows.apiUser(success.jsonPath().getString("access_token")).then().statusCode(200);
        assertEquals(before + 1, emulator.stats().tokenRequests(EmulatorFlows.DEVICE_GRANT));
        GitLabEmulatorOAuthTest.assertOAuthError(flows.pollDevice(CLI, deviceCode), 400, "invalid_grant");
    }

    @Test
    void deniedDeviceGetsAccessDenied() {
        JsonPath device = flows.authorizeDevice(CLI, "read_user").jsonPath();

        flows.confirmDevice(session, device.getString("user_code"), "deny").then().statusCode(200);

        GitLabEmulatorOAuthTest.assertOAuthError(flows.pollDevice(CLI, device.getString("device_code")), 400,
                "access_denied");
    }

    @Test
    void expiredDeviceCodeGetsExpiredToken() {
        emulator.knobs().deviceCodeLifetime(Duration.ZERO);
        JsonPath device;
        try {
            device = flows.authorizeDevice(CLI, "read_user").jsonPath();
        } finally {
            emulator.knobs().deviceCodeLifetime(EmulatorKnobs.DEFAULT_DEVICE_CODE_LIFETIME);
        }
        GitLabEmulatorOAuthTest.assertOAuthError(flows.pollDevice(CLI, device.getString("device_code")), 400,
                "expired_token");
    }

    @Test
    void wrongClientUnknownCodeAndBadScopes() {
        JsonPath device = flows.authorizeDevice(CLI, "read_user").jsonPath();

        GitLabEmulatorOAuthTest.assertOAuthError(flows.pollDevice(OTHER, device.getString("device_code")), 400,
                "invalid_grant");
        GitLabEmulatorOAuthTest.assertOAuthError(flows.pollDevice(CLI, "0".repeat(64)), 400, "invalid_grant");
        GitLabEmulatorOAuthTest.assertOAuthError(flows.authorizeDevice(OTHER, "api"), 400, "invalid_scope");
        GitLabEmulatorOAuthTest.assertOAuthError(EmulatorFlows.request().formParam("client_id", "nobody")
                .post(flows.url("/oauth/authorize_device")), 401, "invalid_client");
        flows.confirmDevice(session, "ZZZZZZZZ", "authorize").then().statusCode(200)
                .body(containsString("invalid_user_code"));
    }

    @Test
    void devicePageNeedsASignedInUser() {
        Response response = EmulatorFlows.request().get(flows.url("/oauth/device?user_code=ABCD1234"));
        assertEquals(302, response.statusCode());
        assertTrue(response.header("Location").startsWith("/users/sign_in?redirect_to="));
    }
}
