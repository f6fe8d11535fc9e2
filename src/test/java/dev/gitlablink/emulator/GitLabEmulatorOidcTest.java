package dev.gitlablink.emulator;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.Validator;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery, JWKS, ID tokens (and their faults) and userinfo. */
class GitLabEmulatorOidcTest {

    private static final ApplicationRegistration APP = EmulatorFlows.confidentialApp("oidc-app",
            Set.of("openid", "profile", "email", "read_user"), true);
    private static final String NONCE = "nonce-" + APP.clientId();

    private static GitLabEmulator emulator;
    private static EmulatorFlows flows;
    private static EmulatorUser bob;
    private static String session;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults());
        flows = new EmulatorFlows(emulator);
        emulator.registerApplication(APP);
        bob = emulator.createUser("bob", "Bob Builder", "bob@example.test");
        session = flows.signIn(bob);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void discoveryAdvertisesGitLabsEndpointsAndCapabilities() {
        long before = emulator.stats().discoveryRequests();
        String base = emulator.baseUrl();
        Response response = EmulatorFlows.request().get(flows.url("/.well-known/openid-configuration"));

        response.then().statusCode(200)
                .body("issuer", equalTo(base))
                .body("authorization_endpoint", equalTo(base + "/oauth/authorize"))
                .body("token_endpoint", equalTo(base + "/oauth/token"))
                .body("userinfo_endpoint", equalTo(base + "/oauth/userinfo"))
                .body("jwks_uri", equalTo(base + "/oauth/discovery/keys"))
                .body("code_challenge_methods_supported", contains("plain", "S256"))
                .body("grant_types_supported", hasItem("device_code"))
                .body("grant_types_supported", hasItem("refresh_token"))
                .body("grant_types_supported", not(hasItem("urn:ietf:params:oauth:grant-type:device_code")))
                .body("scopes_supported", hasItem("read_api"));
        Map<String, Object> body = response.jsonPath().getMap("");
        assertFalse(body.containsKey("end_session_endpoint"));
        assertFalse(body.containsKey("device_authorization_endpoint"));
        assertEquals(List.of("issuer", "authorization_endpoint", "token_endpoint", "revocation_endpoint",
                "introspection_endpoint", "userinfo_endpoint", "jwks_uri"),
                List.copyOf(body.keySet()).subList(0, 7));
        assertEquals(before + 1, emulator.stats().discoveryRequests());
    }

    @Test
    void jwksPublishesOneRs256KeyWithThumbprintKid() throws JoseException {
        Response response = EmulatorFlows.request().get(flows.url("/oauth/discovery/keys"));
        response.then().statusCode(200)
                .header("Cache-Control", "max-age=86400, public, must-revalidate, no-transform");

        JsonWebKeySet jwks = new JsonWebKeySet(response.asString());
        assertEquals(1, jwks.getJsonWebKeys().size());
        JsonWebKey key = jwks.getJsonWebKeys().get(0);
        assertEquals(key.calculateBase64urlEncodedThumbprint("SHA-256"), key.getKeyId());
        assertEquals("RS256", key.getAlgorithm());
        assertEquals("sig", key.getUse());
    }

    @Test
    void idTokenVerifiesAgainstTheJwksAndCarriesGitLabsClaims() throws Exception {
        JsonPath tokens = flows.tokens(APP, session, "openid profile email read_user");
        String idToken = tokens.getString("id_token");

        JwtClaims claims = consumer().processToClaims(idToken);
        assertEquals(String.valueOf(bob.id()), claims.getSubject());
        assertEquals(List.of(APP.clientId()), claims.getAudience());
        assertEquals(NONCE, claims.getStringClaimValue("nonce"));
        assertEquals(120, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertEquals("bob", claims.getStringClaimValue("preferred_username"));
        assertEquals("bob", claims.getStringClaimValue("nickname"));
        assertEquals("Bob Builder", claims.getStringClaimValue("name"));
        assertEquals("bob@example.test", claims.getStringClaimValue("email"));
        assertEquals(Boolean.TRUE, claims.getClaimValue("email_verified"));
        assertEquals(emulator.baseUrl() + "/bob", claims.getStringClaimValue("profile"));
        assertEquals(List.of(), claims.getClaimValue("groups_direct"));
        assertTrue(claims.getStringClaimValue("sub_legacy").matches("[0-9a-f]{64}"));
        assertEquals(List.of("iss", "sub", "aud", "exp", "iat", "nonce", "auth_time", "sub_legacy", "name",
                "nickname", "preferred_username", "email", "email_verified", "profile", "picture", "groups_direct"),
                List.copyOf(claims.getClaimNames()));

        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(idToken);
        assertEquals("JWT", jws.getHeader("typ"));
        assertEquals(AlgorithmIdentifiers.RSA_USING_SHA256, jws.getAlgorithmHeaderValue());
    }

    @Test
    void withoutEmailScopeTheEmailClaimsAreDropped() throws Exception {
        JwtClaims claims = consumer().processToClaims(flows.tokens(APP, session, "openid").getString("id_token"));

        assertFalse(claims.hasClaim("email"));
        assertFalse(claims.hasClaim("email_verified"));
    }

    @ParameterizedTest
    @EnumSource(IdTokenFault.class)
    void eachFaultYieldsATokenAVerifierRejectsOnce(IdTokenFault fault) throws Exception {
        emulator.knobs().nextIdTokenFault(fault);
        String faulty = flows.tokens(APP, session, "openid").getString("id_token");
        String healthy = flows.tokens(APP, session, "openid").getString("id_token");

        assertThrows(InvalidJwtException.class, () -> consumer().processToClaims(faulty), fault.name());
        assertDoesNotThrow(() -> consumer().processToClaims(healthy), "the fault is one-shot");
    }

    @Test
    void expiredFaultLiesAtLeastFiveMinutesInThePast() throws Exception {
        emulator.knobs().nextIdTokenFault(IdTokenFault.EXPIRED);
        String faulty = flows.tokens(APP, session, "openid").getString("id_token");

        JwtClaims claims = unverifiedConsumer().processToClaims(faulty);
        assertTrue(claims.getExpirationTime().getValue() <= System.currentTimeMillis() / 1000 - 300);
    }

    @Test
    void idTokenLifetimeKnobChangesExp() throws Exception {
        emulator.knobs().idTokenLifetime(Duration.ofSeconds(30));
        try {
            JwtClaims claims = consumer().processToClaims(flows.tokens(APP, session, "openid").getString("id_token"));
            assertEquals(30, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        } finally {
            emulator.knobs().idTokenLifetime(EmulatorKnobs.DEFAULT_ID_TOKEN_LIFETIME);
        }
    }

    @Test
    void userinfoAnswersForOpenidTokens() {
        String accessToken = flows.tokens(APP, session, "openid profile email").getString("access_token");

        Response response = flows.userinfo(accessToken);
        response.then().statusCode(200)
                .body("sub", equalTo(String.valueOf(bob.id())))
                .body("nickname", equalTo("bob"))
                .body("email", equalTo("bob@example.test"))
                .body("groups", equalTo(List.of()));
        assertEquals("sub", List.copyOf(response.jsonPath().getMap("").keySet()).get(0));
        EmulatorFlows.request().header("Authorization", "Bearer " + accessToken)
                .post(flows.url("/oauth/userinfo")).then().statusCode(200);
    }

    /**
     * Userinfo's {@code groups} lists every group the user belongs to, subgroups of a group joined directly
     * included; the ID token's {@code groups_direct} only the direct ones. Both follow membership changes, and
     * {@code email_verified} follows the e-mail's confirmation; {@code GET /user} shows the state and bot flag.
     */
    @Test
    void groupClaimsEmailVerificationStateAndBotFollowTheUser() throws Exception {
        EmulatorUser carol = emulator.createUser("carol", "Carol", "carol@example.test");
        String carolSession = flows.signIn(carol);
        EmulatorGroup acme = emulator.data().createGroup("acme", "Acme");
        emulator.data().createGroup("acme/platform", "Platform");
        EmulatorGroup tools = emulator.data().createGroup("tools", "Tools");
        emulator.data().addGroupMember(acme.id(), carol.id(), EmulatorData.DEVELOPER);
        emulator.data().addGroupMember(tools.id(), carol.id(), EmulatorData.REPORTER);
        emulator.setEmailConfirmed(carol.id(), false);
        emulator.setUserState(carol.id(), "blocked");
        emulator.setBot(carol.id(), true);

        JsonPath tokens = flows.tokens(APP, carolSession, "openid profile email read_user");
        JwtClaims claims = consumer().processToClaims(tokens.getString("id_token"));
        assertEquals(List.of("acme", "tools"), claims.getClaimValue("groups_direct"));
        assertEquals(Boolean.FALSE, claims.getClaimValue("email_verified"));
        String accessToken = tokens.getString("access_token");
        flows.userinfo(accessToken).then().statusCode(200)
                .body("groups", equalTo(List.of("acme", "acme/platform", "tools")))
                .body("email_verified", equalTo(false));
        EmulatorFlows.request().header("Authorization", "Bearer " + accessToken).get(flows.url("/api/v4/user"))
                .then().statusCode(200).body("state", equalTo("blocked")).body("bot", equalTo(true));

        emulator.data().removeGroupMember(acme.id(), carol.id());
        flows.userinfo(accessToken).then().statusCode(200).body("groups", equalTo(List.of("tools")));
    }

    @Test
    void userinfoWithoutOpenidScopeIsForbiddenWithEmptyBody() {
        String accessToken = flows.tokens(APP, session, "read_user").getString("access_token");

        Response response = flows.userinfo(accessToken);
        assertEquals(403, response.statusCode());
        assertEquals("", response.asString());
        assertEquals("Bearer realm=\"Doorkeeper\", error=\"insufficient_scope\", error_description=\"Access to this "
                + "resource requires scope _openid_.\"", response.header("WWW-Authenticate"));
    }

    @Test
    void userinfoWithInvalidOrExpiredTokenIsUnauthorizedWithEmptyBody() {
        Response unknown = flows.userinfo("0".repeat(64));
        assertEquals(401, unknown.statusCode());
        assertEquals("", unknown.asString());
        assertEquals("Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token "
                + "is invalid\"", unknown.header("WWW-Authenticate"));

        emulator.knobs().accessTokenLifetime(Duration.ZERO);
        String expired;
        try {
            expired = flows.tokens(APP, session, "openid").getString("access_token");
        } finally {
            emulator.knobs().accessTokenLifetime(EmulatorKnobs.DEFAULT_ACCESS_TOKEN_LIFETIME);
        }
        Response response = flows.userinfo(expired);
        assertEquals(401, response.statusCode());
        assertTrue(response.header("WWW-Authenticate").contains("The access token expired"));
    }

    private static JwtConsumer consumer() throws JoseException {
        JsonWebKeySet jwks = new JsonWebKeySet(EmulatorFlows.request().get(flows.url("/oauth/discovery/keys"))
                .asString());
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(emulator.baseUrl())
                .setExpectedAudience(APP.clientId())
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .registerValidator((Validator) context -> {
                    Object nonce = context.getJwtClaims().getClaimValue("nonce");
                    return nonce == null || NONCE.equals(nonce) ? null : "nonce mismatch";
                })
                .build();
    }

    /** Reads claims without verifying anything, to inspect deliberately broken tokens. */
    private static JwtConsumer unverifiedConsumer() {
        return new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                .setSkipSignatureVerification().build();
    }
}
