package dev.gitlablink.gitlab;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The typed client for GitLab's device authorization grant (RFC 8628), against the emulator: start, the "not
 * yet" answers of a poll, and the three ways a grant ends.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeviceAuthorizationTest {

    @LocalServices
    GitLabEmulator emulator;

    @Inject
    GitLabOAuthClient oauth;

    @AfterEach
    void resetKnobs() {
        emulator.knobs().reset();
    }

    @Test
    void pendingThenSlowDownThenApprovedWithWorkingTokens() {
        // Short enough for a quick test, long enough that two polls in a row fall within it even on a busy machine.
        emulator.knobs().devicePollInterval(Duration.ofSeconds(1));
        EmulatorUser user = newGitLabUser();
        GitLabDeviceAuthorization device = oauth.authorizeDevice(emulator.baseUrl(), List.of("openid", "read_user"));

        assertTrue(device.userCode().matches("[0-9A-Z]{8}"), device.userCode());
        assertEquals(emulator.baseUrl() + "/oauth/device", device.verificationUri());
        assertEquals(device.verificationUri() + "?user_code=" + device.userCode(), device.verificationUriComplete());
        assertEquals(300, device.expiresIn());
        assertFalse(device.toString().contains(device.deviceCode()), "the device code stays out of logs");

        assertInstanceOf(DevicePoll.Pending.class, oauth.pollDevice(emulator.baseUrl(), device.deviceCode()));
        assertInstanceOf(DevicePoll.SlowDown.class, oauth.pollDevice(emulator.baseUrl(), device.deviceCode()));

        decide(user, device.userCode(), "authorize");
        DevicePoll approved = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(1500))
                .until(() -> oauth.pollDevice(emulator.baseUrl(), device.deviceCode()),
                        poll -> poll instanceof DevicePoll.Approved);

        GitLabTokenResponse tokens = ((DevicePoll.Approved) approved).tokens();
        assertEquals("openid read_user", tokens.scope());
        assertEquals(String.valueOf(user.id()), oauth.userInfo(emulator.baseUrl(), tokens.accessToken()).sub());
        assertThrows(GitLabGrantRevokedException.class, () -> oauth.pollDevice(emulator.baseUrl(),
                device.deviceCode()), "a redeemed device code is spent");
    }

    @Test
    void refusalIsDenied() {
        EmulatorUser user = newGitLabUser();
        GitLabDeviceAuthorization device = oauth.authorizeDevice(emulator.baseUrl(), List.of("read_user"));

        decide(user, device.userCode(), "deny");

        assertInstanceOf(DevicePoll.Denied.class, oauth.pollDevice(emulator.baseUrl(), device.deviceCode()));
    }

    @Test
    void anOutlivedCodeIsExpired() {
        emulator.knobs().deviceCodeLifetime(Duration.ZERO);
        GitLabDeviceAuthorization device = oauth.authorizeDevice(emulator.baseUrl(), List.of("read_user"));

        assertInstanceOf(DevicePoll.Expired.class, oauth.pollDevice(emulator.baseUrl(), device.deviceCode()));
    }

    @Test
    void unknownCodesAndScopesBeyondTheApplicationAreRefused() {
        assertThrows(GitLabGrantRevokedException.class, () -> oauth.pollDevice(emulator.baseUrl(), "no-such-code"));
        GitLabRejectedException rejected = assertThrows(GitLabRejectedException.class,
                () -> oauth.authorizeDevice(emulator.baseUrl(), List.of("sudo")));
        assertEquals(400, rejected.status());
        assertEquals("invalid_scope", rejected.oauthError());
    }

    private EmulatorUser newGitLabUser() {
        String username = "device-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Device User", username + "@example.test");
    }

    /** The user's side, in a browser at GitLab: sign in, then approve or deny the user code. */
    private void decide(EmulatorUser user, String userCode, String action) {
        Response signIn = given().redirects().follow(false).baseUri(emulator.baseUrl())
                .formParam("username", user.username()).formParam("password", user.password())
                .post("/users/sign_in");
        assertEquals(302, signIn.statusCode());
        given().baseUri(emulator.baseUrl()).cookie("_gitlab_session", signIn.getCookie("_gitlab_session"))
                .formParam("user_code", userCode).formParam("action", action)
                .post("/oauth/device").then().statusCode(200);
    }
}
