package dev.gitlablink.emulator;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authorization code flow, PKCE, token endpoint errors, refresh, revoke and token info over HTTP. */
class GitLabEmulatorOAuthTest {

    private static final String SCOPE = "openid profile email read_user";
    private static final ApplicationRegistration WEB_APP =
            EmulatorFlows.confidentialApp("web-app", Set.of("openid", "profile", "email", "read_user", "api"), true);
    private static final ApplicationRegistration SPA = EmulatorFlows.publicApp("spa", Set.of("openid", "read_user"),
            true);
    private static final ApplicationRegistration OTHER_APP =
            EmulatorFlows.confidentialApp("other-app", Set.of("openid", "read_user"), true);
    private static final ApplicationRegistration CONSENT_APP =
            EmulatorFlows.confidentialApp("consent-app", Set.of("openid", "read_user"), false);
    private static final String HEX64 = "[0-9a-f]{64}";

    private static GitLabEmulator emulator;
    private static EmulatorFlows flows;
    private static EmulatorUser alice;
    private static String session;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults());
        flows = new EmulatorFlows(emulator);
        List.of(WEB_APP, SPA, OTHER_APP, CONSENT_APP).forEach(emulator::registerApplication);
        alice = emulator.createUser("alice", "Alice Liddell", "alice@example.test");
        session = flows.signIn(alice);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void browserFlowWithS256PkceSignsInAuthorizesAndExchanges() {
        long before = emulator.stats().tokenRequests("authorization_code");
        Map<String, String> params = EmulatorFlows.authorizeParams(WEB_APP.clientId(), SCOPE);

        Response anonymous = EmulatorFlows.request().queryParams(params).get(flows.url("/oauth/authorize"));
        assertEquals(302, anonymous.statusCode());
        String signInLocation = anonymous.header("Location");
        assertTrue(signInLocation.startsWith("/users/sign_in?redirect_to="), signInLocation);
        String redirectTo = EmulatorFlows.query(signInLocation).get("redirect_to");

        EmulatorFlows.follow().get(flows.absolute(signInLocation)).then().statusCode(200)
                .body(containsString("name=\"redirect_to\""));
        Response signIn = EmulatorFlows.request().formParam("username", "alice").formParam("password", "password")
                .formParam("redirect_to", redirectTo).post(flows.url("/users/sign_in"));
        assertEquals(302, signIn.statusCode());
        assertEquals(redirectTo, signIn.header("Location"));
        assertTrue(signIn.header("Set-Cookie").toLowerCase(Locale.ROOT).contains("httponly"),
                signIn.header("Set-Cookie"));

        Response authorized = EmulatorFlows.follow().cookie("_gitlab_session", signIn.getCookie("_gitlab_session"))
                .get(flows.absolute(redirectTo));
        assertEquals(302, authorized.statusCode());
        String callback = authorized.header("Location");
        assertTrue(callback.startsWith(EmulatorFlows.CALLBACK + "?code="), callback);
        Map<String, String> result = EmulatorFlows.query(callback);
        assertTrue(result.get("code").matches(HEX64));
        assertEquals(params.get("state"), result.get("state"));

        Response token = flows.exchange(WEB_APP, result.get("code"), EmulatorFlows.VERIFIER);
        token.then().statusCode(200)
                .header("Cache-Control", "no-store, no-cache")
                .header("Pragma", "no-cache")
                .header("Content-Type", "application/json; charset=utf-8")
                .body("access_token", matchesPattern(HEX64))
                .body("refresh_token", matchesPattern(HEX64))
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(7200))
                .body("scope", equalTo(SCOPE));
        assertEquals(List.of("access_token", "token_type", "expires_in", "refresh_token", "scope", "created_at",
                "id_token"), List.copyOf(token.jsonPath().getMap("").keySet()));
        assertEquals(before + 1, emulator.stats().tokenRequests("authorization_code"));
    }

    @Test
    void stateIsOmittedWhenTheClientSentNone() {
        Map<String, String> params = EmulatorFlows.authorizeParams(WEB_APP.clientId(), "read_user");
        params.remove("state");
        Response response = flows.authorize(session, params);
        assertEquals(302, response.statusCode());
        assertFalse(EmulatorFlows.query(response.header("Location")).containsKey("state"));
    }

    @Test
    void plainPkceAndPublicClientWork() {
        Map<String, String> params = EmulatorFlows.authorizeParams(SPA.clientId(), "openid read_user");
        params.put("code_challenge", "plain-verifier-0123456789012345678901234567890123");
        params.put("code_challenge_method", "plain");
        String code = flows.code(session, params);

        flows.exchange(SPA, code, "plain-verifier-0123456789012345678901234567890123").then().statusCode(200);
    }

    @Test
    void wrongVerifierIsInvalidGrantAndLeavesTheCodeUnused() {
        String code = flows.code(session, EmulatorFlows.authorizeParams(WEB_APP.clientId(), "read_user"));

        assertOAuthError(flows.exchange(WEB_APP, code, EmulatorFlows.VERIFIER + "x"), 400, "invalid_grant");
        // Doorkeeper only revokes the grant after every check passed.
        flows.exchange(WEB_APP, code, EmulatorFlows.VERIFIER).then().statusCode(200);
    }

    @Test
    void missingVerifierForAPkceCodeIsInvalidRequest() {
        String code = flows.code(session, EmulatorFlows.authorizeParams(WEB_APP.clientId(), "read_user"));

        assertOAuthError(flows.exchange(WEB_APP, code, null), 400, "invalid_request");
    }

    @Test
    void verifierWithoutChallengeIsInvalidGrant() {
        Map<String, String> params = EmulatorFlows.authorizeParams(WEB_APP.clientId(), "read_user");
        params.remove("code_challenge");
        params.remove("code_challenge_method");
        String code = flows.code(session, params);

        assertOAuthError(flows.exchange(WEB_APP, code, EmulatorFlows.VERIFIER), 400, "invalid_grant");
        flows.exchange(WEB_APP, code, null).then().statusCode(200);
    }

    @Test
    void replayedCodeIsInvalidGrant() {
        String code = flows.code(session, EmulatorFlows.authorizeParams(WEB_APP.clientId(), "read_user"));
        flows.exchange(WEB_APP, code, EmulatorFlows.VERIFIER).then().statusCode(200);

        assertOAuthError(flows.exchange(WEB_APP, code, EmulatorFlows.VERIFIER), 400, "invalid_grant");
    }

    @Test
    void redirectUriMustBePresentAndMatch() {
        String code = flows.code(session, EmulatorFlows.authorizeParams(WEB_APP.clientId(), "read_user"));
        Response wrong = EmulatorFlows.request().formParam("grant_type", "authorization_code")
                .formParam("code", code).formParam("redirect_uri", "http://127.0.0.1:9/elsewhere")
                .formParam("code_verifier", EmulatorFlows.VERIFIER)
                .formParam("client_id", WEB_APP.clientId()).formParam("client_secret", WEB_APP.clientSecret())
                .post(flows.url("/oauth/token"));
        Response missing = EmulatorFlows.request().formParam("grant_type", "authorization_code")
                .formParam("code", code).formParam("code_verifier", EmulatorFlows.VERIFIER)
                .formParam("client_id", WEB_APP.clientId()).formParam("client_secret", WEB_APP.clientSecret())
                .post(flows.url("/oauth/token"));

        assertOAuthError(wrong, 400, "invalid_grant");
        assertOAuthError(missing, 400, "invalid_request");
    }

    @Test
    void badClientSecretIsInvalidClientWithChallenge() {
        String code = flows.code(session, EmulatorFlows.authorizeParams(WEB_APP.clientId(), "read_user"));
        Response response = EmulatorFlows.request().auth().preemptive().basic(WEB_APP.clientId(), "wrong")
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", EmulatorFlows.CALLBACK).formParam("code_verifier", EmulatorFlows.VERIFIER)
                .post(flows.url("/oauth/token"));

        assertOAuthError(response, 401, "invalid_client");
        assertEquals("Bearer realm=\"Doorkeeper\", error=\"invalid_client\", error_description=\"Client "
                + "authentication failed due to unknown client, no client authentication included, or unsupported "
                + "authentication method.\"", response.header("WWW-Authenticate"));
    }

    @Test
    void clientSecretBasicIsAccepted() {
        String code = flows.code(session, EmulatorFlows.authorizeParams(WEB_APP.clientId(), "read_user"));
        EmulatorFlows.request().auth().preemptive().basic(WEB_APP.clientId(), WEB_APP.clientSecret())
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", EmulatorFlows.CALLBACK).formParam("code_verifier", EmulatorFlows.VERIFIER)
                .post(flows.url("/oauth/token"))
                .then().statusCode(200);
    }

    @Test
    void unknownAndMissingGrantTypes() {
        assertOAuthError(EmulatorFlows.request().formParam("grant_type", "implicit")
                .post(flows.url("/oauth/token")), 400, "unsupported_grant_type");
        assertOAuthError(EmulatorFlows.request().formParam("client_id", "web-app")
                .post(flows.url("/oauth/token")), 400, "invalid_request");
    }

    @Test
    void refreshFollowsGitLabsRotationRule() {
        JsonPath first = flows.tokens(WEB_APP, session, "openid read_user");
        long before = emulator.stats().tokenRequests("refresh_token");

        JsonPath second = flows.refresh(WEB_APP, first.getString("refresh_token")).then().statusCode(200)
                .extract().jsonPath();
        assertTrue(second.getString("id_token") != null, "openid scope yields an id_token on refresh too");
        flows.apiUser(first.getString("access_token")).then().statusCode(200);
        JsonPath third = flows.refresh(WEB_APP, first.getString("refresh_token")).then().statusCode(200)
                .extract().jsonPath();

        flows.tokenInfo(third.getString("access_token")).then().statusCode(200);

        assertOAuthError(flows.refresh(WEB_APP, first.getString("refresh_token")), 400, "invalid_grant");
        flows.apiUser(first.getString("access_token")).then().statusCode(401)
                .body("error_description", equalTo(
                        "Token was revoked. You have to re-authorize from the user."));
        flows.apiUser(second.getString("access_token")).then().statusCode(200);
        assertEquals(before + 2, emulator.stats().tokenRequests("refresh_token"));
    }

    @Test
    void refreshWithAnotherClientOrNoClientIsRejected() {
        JsonPath tokens = flows.tokens(WEB_APP, session, "read_user");
        Response noClient = EmulatorFlows.request().formParam("grant_type", "refresh_token")
                .formParam("refresh_token", tokens.getString("refresh_token")).post(flows.url("/oauth/token"));

        assertOAuthError(flows.refresh(OTHER_APP, tokens.getString("refresh_token")), 400, "invalid_grant");
        assertOAuthError(noClient, 400, "invalid_grant");
        assertOAuthError(EmulatorFlows.request().formParam("grant_type", "refresh_token")
                .formParam("refresh_token", tokens.getString("refresh_token"))
                .formParam("client_id", WEB_APP.clientId()).formParam("client_secret", "wrong")
                .post(flows.url("/oauth/token")), 401, "invalid_client");
    }

    @Test
    void tokenInfoDescribesTheTokenAndRejectsUnknownOnes() {
        JsonPath tokens = flows.tokens(WEB_APP, session, "openid read_user");

        Response info = flows.tokenInfo(tokens.getString("access_token"));
        info.then().statusCode(200)
                .body("resource_owner_id", equalTo((int) alice.id()))
                .body("scope", contains("openid", "read_user"))
                .body("scopes", contains("openid", "read_user"))
                .body("application.uid", equalTo(WEB_APP.clientId()));
        assertEquals(List.of("resource_owner_id", "scope", "expires_in", "application", "created_at", "scopes",
                "expires_in_seconds"), List.copyOf(info.jsonPath().getMap("").keySet()));
        EmulatorFlows.request().queryParam("access_token", tokens.getString("access_token"))
                .get(flows.url("/oauth/token/info")).then().statusCode(200);

        Response unknown = flows.tokenInfo("0".repeat(64));
        assertOAuthError(unknown, 401, "invalid_token");
        assertEquals("The access token is invalid", unknown.jsonPath().getString("error_description"));
    }

    @Test
    void revokeKillsThePairAndGuardsOtherClientsTokens() {
        JsonPath tokens = flows.tokens(WEB_APP, session, "openid read_user");
        long before = emulator.stats().revocations();

        Response otherClient = flows.revoke(OTHER_APP, tokens.getString("access_token"));
        otherClient.then().statusCode(403)
                .body("error", equalTo("unauthorized_client"))
                .body("error_description", equalTo("You are not authorized to revoke this token"));
        EmulatorFlows.request().formParam("token", tokens.getString("access_token"))
                .formParam("client_id", WEB_APP.clientId()).formParam("client_secret", "wrong")
                .post(flows.url("/oauth/revoke")).then().statusCode(403);
        flows.tokenInfo(tokens.getString("access_token")).then().statusCode(200);

        flows.revoke(WEB_APP, tokens.getString("refresh_token")).then().statusCode(200)
                .body(equalTo("{}"));
        flows.tokenInfo(tokens.getString("access_token")).then().statusCode(401);
        assertOAuthError(flows.refresh(WEB_APP, tokens.getString("refresh_token")), 400, "invalid_grant");

        flows.revoke(WEB_APP, "f".repeat(64)).then().statusCode(200).body(equalTo("{}"));
        assertEquals(before + 2, emulator.stats().revocations());
    }

    @Test
    void unknownClientAndUnregisteredRedirectUriRenderAnErrorPageWithoutRedirect() {
        Map<String, String> unknown = EmulatorFlows.authorizeParams("nobody", "read_user");
        Map<String, String> badRedirect = EmulatorFlows.authorizeParams(WEB_APP.clientId(), "read_user");
        badRedirect.put("redirect_uri", "https://evil.test/callback");

        for (Map<String, String> params : List.of(unknown, badRedirect)) {
            Response response = flows.authorize(session, params);
            assertEquals(200, response.statusCode());
            assertNull(response.header("Location"));
            assertTrue(response.asString().contains("An error has occurred"), response.asString());
        }
    }

    @Test
    void redirectableAuthorizeErrorsGoBackToTheClient() {
        Map<String, String> token = EmulatorFlows.authorizeParams(WEB_APP.clientId(), "read_user");
        token.put("response_type", "token");
        Map<String, String> scope = EmulatorFlows.authorizeParams(WEB_APP.clientId(), "read_user sudo");
        Map<String, String> method = EmulatorFlows.authorizeParams(WEB_APP.clientId(), "read_user");
        method.remove("code_challenge_method");

        assertAuthorizeError(token, "unsupported_response_type");
        assertAuthorizeError(scope, "invalid_scope");
        assertAuthorizeError(method, "invalid_code_challenge_method");
    }

    @Test
    void consentPageApprovesOrDenies() {
        Map<String, String> params = EmulatorFlows.authorizeParams(CONSENT_APP.clientId(), "openid read_user");
        Response page = flows.authorize(session, params);
        page.then().statusCode(200).body(containsString("action=\"/oauth/authorize\""))
                .body(containsString("name=\"_method\" value=\"delete\""));

        Response approved = EmulatorFlows.request().cookie("_gitlab_session", session).formParams(params)
                .post(flows.url("/oauth/authorize"));
        assertEquals(302, approved.statusCode());
        String code = EmulatorFlows.query(approved.header("Location")).get("code");
        flows.exchange(CONSENT_APP, code, EmulatorFlows.VERIFIER).then().statusCode(200);

        Response denied = EmulatorFlows.request().cookie("_gitlab_session", session).formParams(params)
                .formParam("_method", "delete").post(flows.url("/oauth/authorize"));
        Map<String, String> error = EmulatorFlows.query(denied.header("Location"));
        assertEquals("access_denied", error.get("error"));
        assertEquals("The resource owner or authorization server denied the request.",
                error.get("error_description"));
        assertEquals(params.get("state"), error.get("state"));

        // A confidential app with a live token for exactly these scopes skips consent (GitLab's matching_token?).
        assertEquals(302, flows.authorize(session, params).statusCode());
    }

    @Test
    void signInRejectsWrongPasswordsAndForeignRedirects() {
        Response wrong = EmulatorFlows.request().formParam("username", "alice").formParam("password", "nope")
                .post(flows.url("/users/sign_in"));
        wrong.then().statusCode(200).body(containsString("Invalid login or password."));
        assertNull(wrong.getCookie("_gitlab_session"));
        assertFalse(wrong.asString().contains("demo / demo") || wrong.asString().contains("<code>demo</code>"),
                "no demo hint without demo data");

        Response foreign = EmulatorFlows.request().formParam("username", "alice").formParam("password", "password")
                .formParam("redirect_to", "//evil.test/x").post(flows.url("/users/sign_in"));
        assertEquals("/", foreign.header("Location"));
    }

    private void assertAuthorizeError(Map<String, String> params, String error) {
        Response response = flows.authorize(session, params);
        assertEquals(302, response.statusCode(), error);
        Map<String, String> query = EmulatorFlows.query(response.header("Location"));
        assertEquals(error, query.get("error"));
        assertEquals(params.get("state"), query.get("state"));
        assertTrue(response.header("Location").startsWith(EmulatorFlows.CALLBACK + "?error="));
    }

    static void assertOAuthError(Response response, int status, String error) {
        assertEquals(status, response.statusCode(), () -> response.asString());
        assertEquals(error, response.jsonPath().getString("error"));
        assertFalse(response.jsonPath().getString("error_description").isBlank(), response.asString());
        assertEquals("no-store, no-cache", response.header("Cache-Control"));
        assertTrue(response.header("WWW-Authenticate").startsWith("Bearer realm=\"Doorkeeper\", error=\"" + error));
    }
}
