package dev.gitlablink.emulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validates every response of the emulator's OAuth endpoints against the shared GitLab OAuth 2.0 contract
 * ({@code contract/gitlab-oauth2-openapi.yml}). Where GitLab's documented behaviour goes beyond the contract,
 * the emulator keeps GitLab's behaviour and {@link GitLabContractDeviations} accepts exactly those findings.
 */
class GitLabEmulatorContractTest {

    private static final String SPEC = "contract/gitlab-oauth2-openapi.yml";
    private static final ApplicationRegistration WEB_APP = EmulatorFlows.confidentialApp("contract-web",
            Set.of("openid", "profile", "email", "read_user"), true);
    private static final ApplicationRegistration OTHER_APP = EmulatorFlows.confidentialApp("contract-other",
            Set.of("read_user"), true);
    private static final ApplicationRegistration CLI = EmulatorFlows.publicApp("contract-cli",
            Set.of("openid", "read_user"), false);

    private static OpenApiInteractionValidator validator;
    private static GitLabEmulator emulator;
    private static EmulatorFlows flows;
    private static String session;

    @BeforeAll
    static void start() throws IOException {
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(readSpec())
                .withWhitelist(GitLabContractDeviations.WHITELIST)
                .build();
        emulator = GitLabEmulator.start(EmulatorOptions.defaults());
        flows = new EmulatorFlows(emulator);
        List.of(WEB_APP, OTHER_APP, CLI).forEach(emulator::registerApplication);
        // example.com, not .test: the validator's email format check only accepts IANA top-level domains.
        session = flows.signIn(emulator.createUser("erin", "Erin Contract", "erin@example.com"));
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void tokenEndpointResponses() {
        String code = flows.code(session, EmulatorFlows.authorizeParams(WEB_APP.clientId(),
                "openid profile email read_user"));
        Response success = flows.exchange(WEB_APP, code, EmulatorFlows.VERIFIER);
        assertEquals(200, success.statusCode());
        assertValid("/oauth/token", Request.Method.POST, success);
        assertValid("/oauth/token", Request.Method.POST, flows.exchange(WEB_APP, code, EmulatorFlows.VERIFIER));

        Response refreshed = flows.refresh(WEB_APP, success.jsonPath().getString("refresh_token"));
        assertEquals(200, refreshed.statusCode());
        assertValid("/oauth/token", Request.Method.POST, refreshed);

        Response invalidClient = EmulatorFlows.request().formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshed.jsonPath().getString("refresh_token"))
                .formParam("client_id", WEB_APP.clientId()).formParam("client_secret", "wrong")
                .post(flows.url("/oauth/token"));
        assertEquals(401, invalidClient.statusCode());
        assertValid("/oauth/token", Request.Method.POST, invalidClient);
    }

    @Test
    void deviceFlowResponses() {
        emulator.knobs().devicePollInterval(Duration.ofSeconds(1));
        try {
            Response authorization = flows.authorizeDevice(CLI, "openid read_user");
            assertEquals(200, authorization.statusCode());
            assertValid("/oauth/authorize_device", Request.Method.POST, authorization);
            String deviceCode = authorization.jsonPath().getString("device_code");

            Response pending = flows.pollDevice(CLI, deviceCode);
            assertEquals("authorization_pending", pending.jsonPath().getString("error"));
            assertValid("/oauth/token", Request.Method.POST, pending);
            Response slowDown = flows.pollDevice(CLI, deviceCode);
            assertEquals("slow_down", slowDown.jsonPath().getString("error"));
            assertValid("/oauth/token", Request.Method.POST, slowDown);

            flows.confirmDevice(session, authorization.jsonPath().getString("user_code"), "authorize");
            Response success = await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> flows.pollDevice(CLI, deviceCode), response -> response.statusCode() == 200);
            assertValid("/oauth/token", Request.Method.POST, success);
        } finally {
            emulator.knobs().devicePollInterval(EmulatorKnobs.DEFAULT_DEVICE_POLL_INTERVAL);
        }
    }

    @Test
    void tokenInfoAndUserinfoResponses() {
        JsonPath openid = flows.tokens(WEB_APP, session, "openid profile email read_user");
        JsonPath withoutOpenid = flows.tokens(WEB_APP, session, "read_user");

        assertValid("/oauth/token/info", Request.Method.GET, flows.tokenInfo(openid.getString("access_token")));
        assertValid("/oauth/token/info", Request.Method.GET, flows.tokenInfo("0".repeat(64)));
        assertValid("/oauth/userinfo", Request.Method.GET, flows.userinfo(openid.getString("access_token")));
        assertValid("/oauth/userinfo", Request.Method.GET, flows.userinfo("0".repeat(64)));

        Response forbidden = flows.userinfo(withoutOpenid.getString("access_token"));
        assertEquals(403, forbidden.statusCode());
        assertValid("/oauth/userinfo", Request.Method.GET, forbidden);
    }

    @Test
    void revokeResponses() {
        JsonPath tokens = flows.tokens(WEB_APP, session, "read_user");

        Response otherClient = flows.revoke(OTHER_APP, tokens.getString("access_token"));
        assertEquals(403, otherClient.statusCode());
        assertValid("/oauth/revoke", Request.Method.POST, otherClient);

        Response revoked = flows.revoke(WEB_APP, tokens.getString("access_token"));
        assertEquals(200, revoked.statusCode());
        assertValid("/oauth/revoke", Request.Method.POST, revoked);
        assertValid("/oauth/revoke", Request.Method.POST, flows.revoke(WEB_APP, "f".repeat(64)));
    }

    @Test
    void contractCatchesAMalformedTokenResponse() {
        SimpleResponse malformed = SimpleResponse.Builder.ok().withContentType("application/json")
                .withBody("{\"access_token\":\"x\",\"expires_in\":\"soon\",\"created_at\":\"now\"}").build();

        assertTrue(validator.validateResponse("/oauth/token", Request.Method.POST, malformed).hasErrors());
    }

    private static void assertValid(String path, Request.Method method, Response response) {
        ValidationReport report = validator.validateResponse(path, method, toContractResponse(response));
        assertFalse(report.hasErrors(), () -> method + " " + path + " " + response.statusCode() + ":\n"
                + describe(report));
    }

    private static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .map(message -> message.getLevel() + " " + message.getKey() + ": " + message.getMessage())
                .collect(Collectors.joining("\n"));
    }

    private static SimpleResponse toContractResponse(Response response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode());
        response.headers().forEach(header -> builder.withHeader(header.getName(), header.getValue()));
        String body = response.asString();
        if (!body.isEmpty()) {
            builder.withBody(body);
        }
        return builder.build();
    }

    private static String readSpec() throws IOException {
        try (InputStream in = GitLabEmulatorContractTest.class.getClassLoader().getResourceAsStream(SPEC)) {
            assertNotNull(in, SPEC);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
