package dev.gitlablink.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.StoredState;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * quarkus-oidc's cookies (the state cookie {@code q_auth...} and the session cookie {@code q_session}) carry no
 * {@code __Host-} prefix, so a sibling subdomain can plant them for the parent domain. An attacker runs a code flow of
 * their own, plants its cookies in the victim's browser and sends the victim on: no session may come of it (login
 * CSRF: the victim would work in, and link GitLab accounts to, the attacker's app user). The sign-in binding cookie,
 * which has the prefix over https, is the one thing such an attacker cannot plant, so these tests leave it out.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PlantedOidcSessionTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    StoredState stored;

    @Test
    void aPlantedOidcSessionSignsTheVictimInToNothing() {
        Browser attacker = new Browser();
        SignInFlow flow = new SignInFlow(attacker, settings, emulator);
        URI callback = flow.authorizeAtGitLab(flow.startLogin("/").location(), newUser());
        Page redeemed = attacker.get(callback.toString());
        assertEquals(302, redeemed.status(), redeemed.body());
        Map<String, String> oidcCookies = attacker.cookies(settings.baseUrl());

        Browser victim = new Browser();
        oidcCookies.forEach((name, value) -> {
            if (name.startsWith("q_session")) {
                victim.setCookie(settings.baseUrl(), name, value);
            }
        });
        StoredState.Snapshot before = stored.read(emulator);
        Page login = victim.get(settings.baseUrl() + "/login");

        assertFalse(victim.cookie(settings.baseUrl(), SignedInUser.COOKIE).isPresent(),
                "a planted OIDC session made a session: " + login.status() + " " + login.headers().map());
        assertEquals(before.rows(), stored.read(emulator).rows(), "nothing stored");
    }

    @Test
    void aPlantedStateCookieWithTheAttackersCallbackSignsTheVictimInToNothing() {
        Browser attacker = new Browser();
        SignInFlow flow = new SignInFlow(attacker, settings, emulator);
        URI callback = flow.authorizeAtGitLab(flow.startLogin("/").location(), newUser());

        Browser victim = new Browser();
        attacker.cookies(settings.baseUrl()).forEach((name, value) -> {
            if (name.startsWith("q_auth")) {
                victim.setCookie(settings.baseUrl(), name, value);
            }
        });
        StoredState.Snapshot before = stored.read(emulator);
        Page landing = victim.followAll(victim.get(callback.toString()));

        assertFalse(victim.cookie(settings.baseUrl(), SignedInUser.COOKIE).isPresent(),
                "a planted state cookie made a session: " + landing.status() + " " + victim.history());
        assertEquals(before.rows(), stored.read(emulator).rows(), "nothing stored");
    }

    /**
     * The binding cookie is set for the nonce of any 302 whose {@code Location} looks like an authorization request.
     * quarkus-oidc's redirect from the callback to the restored {@code /login} carries the query the victim was sent
     * to {@code /login} with, so a site that sends a signed-in victim (GitLab approves a known app at once) to
     * {@code /login?response_type=code&nonce=<the attacker's nonce>} would get the attacker's nonce bound in the
     * victim's browser, and the attacker's planted OIDC session would then sign the victim in as the attacker.
     */
    @Test
    void aNonceSmuggledIntoTheRestoredLoginBindsNothing() {
        Browser attacker = new Browser();
        SignInFlow attackersFlow = new SignInFlow(attacker, settings, emulator);
        URI attackersAuthorize = attackersFlow.startLogin("/").location();
        String attackersNonce = SignInFlow.queryParam(attackersAuthorize, "nonce");
        URI attackersCallback = attackersFlow.authorizeAtGitLab(attackersAuthorize, newUser());
        assertEquals(302, attacker.get(attackersCallback.toString()).status());

        Browser victim = new Browser();
        EmulatorUser alice = newUser();
        SignInFlow victimsFlow = new SignInFlow(victim, settings, emulator);
        victimsFlow.signIn(alice, "/");
        Page sent = victim.get(settings.baseUrl() + "/login?returnTo=%2F&response_type=code&nonce=" + attackersNonce);
        victim.followAll(victim.get(victimsFlow.authorizeAtGitLab(sent.location(), alice).toString()));
        attacker.cookies(settings.baseUrl()).forEach((name, value) -> {
            if (name.startsWith("q_session")) {
                victim.setCookie(settings.baseUrl(), name, value);
            }
        });
        Page login = victim.followAll(victim.get(settings.baseUrl() + "/login"));

        String session = victim.cookie(settings.baseUrl(), SignedInUser.COOKIE).orElseThrow();
        io.restassured.RestAssured.given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE, session)
                .when().get("/api/session")
                .then().statusCode(200)
                .body("accounts.username", org.hamcrest.Matchers.contains(alice.username()));
    }

    private EmulatorUser newUser() {
        String username = "planter-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Planter", username + "@example.test");
    }
}
