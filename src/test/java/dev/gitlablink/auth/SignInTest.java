package dev.gitlablink.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The real authorization code flow, browser to service to emulator and back, with no security shortcut. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SignInTest {

    static final String COOKIE = "gitlab_link_session";

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accountRows;

    @AfterEach
    void resetEmulator() {
        emulator.knobs().reset();
    }

    @Test
    void authorizeRedirectCarriesPkceStateAndNonce() {
        SignInFlow flow = new SignInFlow(new Browser(), settings, emulator);
        URI authorize = flow.startLogin("/projects").location();

        assertTrue(authorize.toString().startsWith(emulator.baseUrl() + "/oauth/authorize?"), authorize.toString());
        assertEquals("code", SignInFlow.queryParam(authorize, "response_type"));
        assertEquals(settings.clientId(), SignInFlow.queryParam(authorize, "client_id"));
        assertEquals(settings.redirectUri(), SignInFlow.queryParam(authorize, "redirect_uri"));
        assertEquals("openid profile email read_user read_api", SignInFlow.queryParam(authorize, "scope"));
        assertEquals("S256", SignInFlow.queryParam(authorize, "code_challenge_method"));
        assertTrue(SignInFlow.queryParam(authorize, "code_challenge").matches("[A-Za-z0-9_-]{43}"),
                "S256 challenge is 43 base64url characters");
        assertTrue(SignInFlow.queryParam(authorize, "state").length() >= 16, "state must be unguessable");
        assertTrue(SignInFlow.queryParam(authorize, "nonce").length() >= 16, "nonce must be unguessable");
    }

    @Test
    void signInCreatesSessionAndLinkedAccount() {
        EmulatorUser user = newUser("alice");
        Browser browser = new Browser();

        SignInFlow.Hops hops = new SignInFlow(browser, settings, emulator).signIn(user, "/projects?sort=name");

        assertEquals(URI.create(settings.baseUrl() + "/projects?sort=name"), hops.landing().location());
        String session = browser.cookie(settings.baseUrl(), COOKIE).orElseThrow();
        assertFalse(browser.cookies(settings.baseUrl()).containsKey("q_session"),
                "quarkus-oidc's token cookie must not outlive the sign-in");
        assertTrue(hops.landing().headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith(COOKIE + "=") && c.contains("HttpOnly") && c.contains("SameSite=Lax")));

        given().baseUri(settings.baseUrl()).cookie(COOKIE, session)
                .when().get("/api/session")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("user.id", notNullValue())
                .body("user.displayName", equalTo(user.name()))
                .body("accounts", hasSize(1))
                .body("accounts[0].username", equalTo(user.username()))
                .body("accounts[0].gitlabUserId", equalTo(String.valueOf(user.id())))
                .body("accounts[0].instanceUrl", equalTo(emulator.baseUrl()))
                .body("accounts[0].name", equalTo(user.name()))
                .body("accounts[0].avatarUrl", equalTo(user.avatarUrl()))
                .body("accounts[0].scopes", hasItems("openid", "read_user", "read_api"))
                .body("accounts[0].status", equalTo("active"))
                .body("expiresAt", notNullValue())
                .body(not(org.hamcrest.Matchers.containsString("token")));

        AccountRows.Row row = accountRows.find(emulator.baseUrl(), String.valueOf(user.id())).orElseThrow();
        assertEquals(user.username(), row.username());
        assertEquals(user.email(), row.email());
        assertEquals("active", row.status());
        assertNotNull(row.accessTokenExpiresAt());
        assertTrue(row.accessTokenExpiresAt().isAfter(java.time.Instant.now().plusSeconds(7000)));
    }

    @Test
    void secondSignInUpdatesTheSameRowAndAnotherUserGetsAnotherRow() {
        EmulatorUser bob = newUser("bob");
        new SignInFlow(new Browser(), settings, emulator).signIn(bob, "/");
        AccountRows.Row first = accountRows.find(emulator.baseUrl(), String.valueOf(bob.id())).orElseThrow();

        new SignInFlow(new Browser(), settings, emulator).signIn(bob, "/");
        AccountRows.Row second = accountRows.find(emulator.baseUrl(), String.valueOf(bob.id())).orElseThrow();

        assertEquals(first.id(), second.id(), "same GitLab user, same linked account");
        assertEquals(first.userId(), second.userId(), "same GitLab user, same app user");
        assertTrue(second.lastSignInAt().isAfter(first.lastSignInAt()), "the account's sign-in time moves");
        assertEquals(first.lastSignInAt(), first.userLastSignInAt(), "a new user's sign-in time is the account's");
        assertEquals(second.lastSignInAt(), second.userLastSignInAt(), "the user's sign-in time moves with it");
        assertEquals(1, accountRows.countFor(emulator.baseUrl(), String.valueOf(bob.id())));

        EmulatorUser carol = newUser("carol");
        new SignInFlow(new Browser(), settings, emulator).signIn(carol, "/");
        AccountRows.Row carols = accountRows.find(emulator.baseUrl(), String.valueOf(carol.id())).orElseThrow();
        assertNotEquals(first.id(), carols.id());
        assertNotEquals(first.userId(), carols.userId());
    }

    @Test
    void sessionOutlivesTheShortIdTokenWithoutCallingGitLab() throws InterruptedException {
        emulator.knobs().idTokenLifetime(Duration.ofSeconds(2));
        EmulatorUser dave = newUser("dave");
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(dave, "/");
        String session = browser.cookie(settings.baseUrl(), COOKIE).orElseThrow();
        emulator.stats().reset();

        Thread.sleep(Duration.ofSeconds(3));

        given().baseUri(settings.baseUrl()).cookie(COOKIE, session)
                .when().get("/api/session")
                .then().statusCode(200)
                .body("accounts[0].username", equalTo(dave.username()));
        assertEquals(0, emulator.stats().tokenRequests("refresh_token"));
        assertEquals(0, emulator.stats().tokenRequests("authorization_code"));
    }

    @Test
    void tokensAreNotStoredInPlaintext() throws Exception {
        EmulatorUser erin = newUser("erin");
        new SignInFlow(new Browser(), settings, emulator).signIn(erin, "/");
        var issued = emulator.tokensIssuedTo(erin.id());
        assertFalse(issued.isEmpty(), "the emulator issued tokens for the sign-in");

        String rawTable = accountRows.rawTableDump();
        for (var token : issued) {
            for (String value : new String[] {token.accessToken(), token.refreshToken()}) {
                assertFalse(rawTable.contains(value), "plaintext token found in linked_account");
                assertFalse(rawTable.contains(hex(value)), "hex-encoded token found in linked_account");
                assertFalse(rawTable.contains(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))),
                        "base64-encoded token found in linked_account");
                assertFalse(rawTable.contains(sha256Hex(value)), "unsalted token hash found in linked_account");
            }
        }
        assertTrue(rawTable.contains(erin.username()), "the dump really contains the account's row");
    }

    private EmulatorUser newUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, prefix.substring(0, 1).toUpperCase() + prefix.substring(1) + " Tester",
                username + "@example.test");
    }

    private static String hex(String value) {
        return java.util.HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(String value) throws Exception {
        return java.util.HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    static Page get(Browser browser, String url) {
        return browser.get(url);
    }
}
