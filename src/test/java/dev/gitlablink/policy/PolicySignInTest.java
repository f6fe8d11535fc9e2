package dev.gitlablink.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorData;
import dev.gitlablink.emulator.EmulatorGroup;
import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.revocation.OutboxRows;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.StoredState;
import dev.gitlablink.testsupport.TestPolicy;
import dev.gitlablink.testsupport.TestSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Signing in under the default instance's access policy ({@link TestPolicy}): who gets in by group, user id and
 * verified e-mail domain, and that a refused identity leaves nothing behind, neither rows nor live tokens at GitLab.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.ACCESS_POLICY, value = "true"))
class PolicySignInTest {

    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accounts;

    @Inject
    StoredState stored;

    @Inject
    OutboxRows outbox;

    @Inject
    MeterRegistry metrics;

    @BeforeEach
    void groups() {
        PolicyFixtures.groups(emulator);
        outbox.awaitNothingPending();
    }

    @Test
    void aMemberOfASubgroupOfTheAllowedGroupSignsIn() {
        EmulatorUser user = newUser("team", "example.test");
        join(user, "acme/platform/team");
        double allowed = decisions("allowed");

        signIn(user);

        assertEquals("active", account(user).status());
        assertEquals(1, decisions("allowed") - allowed, "gitlab_link_policy_decisions_total{decision=allowed}");
    }

    @Test
    void aMemberOfAGroupWhosePathOnlyStartsLikeTheAllowedOneIsRefused() {
        EmulatorUser user = newUser("lookalike", "example.test");
        join(user, "acme/platformx");
        // Not "acme": its members belong to acme/platform too (inherited membership), and userinfo says so.
        join(user, "tools");

        assertRefusedLeavingNothing(user);
    }

    @Test
    void theAllowedUserIdSignsInWithoutAnyGroup() {
        EmulatorUser user = emulator.createUser(TestPolicy.ALLOWED_USER_ID, "listed", "Listed", "listed@example.test");

        signIn(user);

        assertEquals("active", account(user).status());
    }

    @Test
    void anotherUserWithoutGroupIsRefused() {
        assertRefusedLeavingNothing(newUser("stranger", "example.test"));
    }

    @Test
    void aVerifiedAddressInTheAllowedDomainSignsIn() {
        EmulatorUser user = newUser("domain", TestPolicy.ALLOWED_DOMAIN);

        signIn(user);

        assertEquals("active", account(user).status());
    }

    @Test
    void anUnverifiedAddressInTheAllowedDomainIsNotMatched() {
        EmulatorUser user = newUser("unverified", TestPolicy.ALLOWED_DOMAIN);
        emulator.setEmailConfirmed(user.id(), false);

        assertRefusedLeavingNothing(user);
    }

    @Test
    void aSubdomainOfTheAllowedDomainIsRefused() {
        assertRefusedLeavingNothing(newUser("subdomain", "eu." + TestPolicy.ALLOWED_DOMAIN));
    }

    @Test
    void botsAndBlockedUsersAreRefusedEvenInTheAllowedGroup() {
        EmulatorUser bot = newUser("bot", "example.test");
        join(bot, TestPolicy.ALLOWED_GROUP);
        emulator.setBot(bot.id(), true);
        assertRefusedLeavingNothing(bot);

        EmulatorUser blocked = newUser("blocked", "example.test");
        join(blocked, TestPolicy.ALLOWED_GROUP);
        emulator.setUserState(blocked.id(), "deactivated");
        assertRefusedLeavingNothing(blocked);
    }

    @Test
    void anApiClientGetsTheProblem() {
        EmulatorUser user = newUser("json", "example.test");
        Attempt attempt = upToRestoredLogin(user);

        given().baseUri(settings.baseUrl()).redirects().follow(false).cookies(attempt.browser().cookies(
                settings.baseUrl())).accept("application/json")
                .when().get(attempt.restoredLogin().getRawPath() + "?" + attempt.restoredLogin().getRawQuery())
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("access_denied_by_policy"));
        outbox.awaitNothingPending();
        assertTrue(emulator.tokensIssuedTo(user.id()).stream().allMatch(EmulatorToken::revoked));
    }

    /** GitLab failing the policy's read of the user: nothing is stored, the new pair is revoked, try again later. */
    @Test
    void aPolicyCheckGitLabFailsStoresNothing() {
        EmulatorUser user = newUser("unchecked", "example.test");
        join(user, TestPolicy.ALLOWED_GROUP);
        StoredState.Snapshot before = stored.read(emulator);
        Attempt attempt = upToRestoredLogin(user);
        // GET /api/v4/user, the policy's read of the user's state, fails: once and on both retries.
        emulator.knobs().failNext(3, 503);
        Response navigation;
        try {
            navigation = given().baseUri(settings.baseUrl()).redirects().follow(false)
                    .cookies(attempt.browser().cookies(settings.baseUrl())).header("Accept", HTML)
                    .when().get(attempt.restoredLogin().getRawPath() + "?" + attempt.restoredLogin().getRawQuery());
        } finally {
            emulator.knobs().reset();
        }

        assertEquals(303, navigation.statusCode(), navigation.asString());
        assertTrue(navigation.header("Location").endsWith("/?loginError=temporarily_unavailable"),
                navigation.header("Location"));
        StoredState.Snapshot after = stored.read(emulator);
        for (String table : List.of("app_user", "linked_account", "app_session")) {
            assertEquals(before.rows().get(table), after.rows().get(table), "no new row in " + table);
        }
        outbox.awaitNothingPending();
        assertTrue(emulator.tokensIssuedTo(user.id()).stream().allMatch(EmulatorToken::revoked),
                "the pair GitLab issued is revoked");
    }

    /**
     * An identity already signed in before the policy refused it (say, removed from the group since) and signing in
     * again: its account becomes forbidden, its stored grant revoked, and no session is started.
     */
    @Test
    void anExistingAccountRefusedAtSignInBecomesForbidden() {
        EmulatorUser user = newUser("former", "example.test");
        EmulatorGroup group = join(user, TestPolicy.ALLOWED_GROUP);
        SignedInUser first = signIn(user);
        emulator.data().removeGroupMember(group.id(), user.id());

        Response landing = refusedSignIn(user);

        assertLandsOnPolicyError(landing);
        assertEquals("forbidden", account(user).status());
        first.api().when().get("/api/session").then().statusCode(401);
        outbox.awaitNothingPending();
        assertTrue(emulator.tokensIssuedTo(user.id()).stream().allMatch(EmulatorToken::revoked),
                "the stored pair and the new one are revoked");
    }

    private void assertRefusedLeavingNothing(EmulatorUser user) {
        StoredState.Snapshot before = stored.read(emulator);
        double refused = decisions("refused");

        Response landing = refusedSignIn(user);

        assertLandsOnPolicyError(landing);
        assertFalse(landing.getHeaders().getValues("Set-Cookie").stream()
                .anyMatch(cookie -> cookie.startsWith(SignedInUser.COOKIE + "=")), "no session cookie");
        StoredState.Snapshot after = stored.read(emulator);
        for (String table : List.of("app_user", "linked_account", "app_session")) {
            assertEquals(before.rows().get(table), after.rows().get(table), "no new row in " + table);
        }
        assertTrue(accounts.find(emulator.baseUrl(), String.valueOf(user.id())).isEmpty());
        outbox.awaitNothingPending();
        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.id());
        assertEquals(1, issued.size());
        assertTrue(issued.getFirst().revoked(), "the pair GitLab issued is revoked");
        given().baseUri(emulator.baseUrl()).header("Authorization", "Bearer " + issued.getFirst().accessToken())
                .when().get("/api/v4/user").then().statusCode(401);
        assertEquals(1, decisions("refused") - refused, "gitlab_link_policy_decisions_total{decision=refused}");
        String scraped = given().baseUri(settings.baseUrl()).when().get("/q/metrics").then().statusCode(200)
                .extract().asString();
        assertTrue(scraped.lines().anyMatch(line -> line.startsWith("gitlab_link_policy_decisions_total{")
                && line.contains("decision=\"refused\"") && line.contains("instance=\"gitlab\"")), scraped);
    }

    private static void assertLandsOnPolicyError(Response landing) {
        assertEquals(303, landing.statusCode(), landing.asString());
        assertTrue(landing.header("Location").endsWith("/?loginError=access_denied_by_policy"),
                landing.header("Location"));
    }

    private Response refusedSignIn(EmulatorUser user) {
        Attempt attempt = upToRestoredLogin(user);
        Response navigation = given().baseUri(settings.baseUrl()).redirects().follow(false)
                .cookies(attempt.browser().cookies(settings.baseUrl())).header("Accept", HTML)
                .when().get(attempt.restoredLogin().getRawPath() + "?" + attempt.restoredLogin().getRawQuery());
        return navigation;
    }

    private record Attempt(Browser browser, URI restoredLogin) {
    }

    private Attempt upToRestoredLogin(EmulatorUser user) {
        Browser browser = new Browser();
        SignInFlow flow = new SignInFlow(browser, settings, emulator);
        URI callbackUrl = flow.authorizeAtGitLab(flow.startLogin("/").location(), user);
        Page callback = browser.get(callbackUrl.toString());
        assertEquals(302, callback.status(), "quarkus-oidc redeemed the code and restores /login");
        return new Attempt(browser, callback.location());
    }

    private SignedInUser signIn(EmulatorUser user) {
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(user, "/");
        String cookie = browser.cookie(settings.baseUrl(), SignedInUser.COOKIE).orElseThrow();
        return new SignedInUser(user, cookie, account(user).id().toString(), settings);
    }

    private AccountRows.Row account(EmulatorUser user) {
        return accounts.find(emulator.baseUrl(), String.valueOf(user.id())).orElseThrow();
    }

    private EmulatorUser newUser(String prefix, String domain) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Policy " + prefix, username + "@" + domain);
    }

    private EmulatorGroup join(EmulatorUser user, String groupPath) {
        EmulatorGroup group = emulator.data().group(groupPath).orElseThrow();
        emulator.data().addGroupMember(group.id(), user.id(), EmulatorData.DEVELOPER);
        return group;
    }

    private double decisions(String decision) {
        var counter = metrics.find("gitlab_link.policy.decisions").tag("instance", "gitlab")
                .tag("decision", decision).counter();
        return counter == null ? 0 : counter.count();
    }
}
