package dev.gitlablink.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
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
import dev.gitlablink.testsupport.LinkFlow;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.SecondGitLab;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestPolicy;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The access policy and the account's own grant changes: a step-up is a new grant GitLab issues, so it passes the
 * policy like a sign-in or a link (a forbidden account is not made active by it), and narrowing the scopes of a
 * forbidden account leaves it forbidden. The user keeps a session through an allowed account on a second instance.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.ACCESS_POLICY, value = "true"))
class PolicyStepUpTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    SecondGitLab second;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accounts;

    @Inject
    OutboxRows outbox;

    @Inject
    PolicySweep sweep;

    @BeforeEach
    void groups() {
        PolicyFixtures.groups(emulator);
        outbox.awaitNothingPending();
    }

    @AfterEach
    void resetKnobs() {
        emulator.knobs().reset();
    }

    /**
     * A step-up offered while the account was allowed, followed after the policy forbade it: GitLab issues a wider
     * grant, which must not bring the forbidden account back (nor be kept), since no policy check ran on it.
     */
    @Test
    void aStepUpDoesNotBringAForbiddenAccountBack() {
        EmulatorUser user = newUser("stepup-forbidden");
        EmulatorGroup group = join(user, TestPolicy.ALLOWED_GROUP);
        Browser browser = signedInWithSecondAccount(user);
        String account = account(user).id().toString();
        String stepUpUrl = newIssue(browser, account).statusCode(403)
                .body("code", equalTo("gitlab_insufficient_scope")).extract().path("stepUpUrl");

        emulator.data().removeGroupMember(group.id(), user.id());
        sweep.runOnce();
        assertEquals("forbidden", account(user).status());
        outbox.awaitNothingPending();

        Page start = browser.get(settings.baseUrl() + stepUpUrl + "?returnTo=%2F");
        assertEquals(303, start.status(), start.body());
        Page complete = browser.get(start.location().toString());
        assertEquals(302, complete.status(), complete.body());
        URI callback = new SignInFlow(browser, settings, emulator).authorizeAtGitLab(complete.location(), user);
        Page restored = browser.get(callback.toString());
        assertEquals(302, restored.status(), restored.body());
        Page done = browser.get(restored.location().toString());

        assertEquals(403, done.status(), done.body());
        assertTrue(done.body().contains("\"code\":\"access_denied_by_policy\""), done.body());
        assertEquals("forbidden", account(user).status(), "the step-up passed no policy check");
        newIssue(browser, account).statusCode(403).body("code", equalTo("access_denied_by_policy"));
        outbox.awaitNothingPending();
        assertTrue(emulator.tokensIssuedTo(user.id()).stream().allMatch(EmulatorToken::revoked),
                "the step-up's grant is revoked too");
    }

    /** Narrowing is a refresh: on a forbidden account (no tokens) it must leave the account forbidden. */
    @Test
    void narrowingAForbiddenAccountLeavesItForbidden() {
        EmulatorUser user = newUser("narrow-forbidden");
        EmulatorGroup group = join(user, TestPolicy.ALLOWED_GROUP);
        Browser browser = signedInWithSecondAccount(user);
        String account = account(user).id().toString();

        emulator.data().removeGroupMember(group.id(), user.id());
        sweep.runOnce();
        assertEquals("forbidden", account(user).status());

        api(browser).header("X-CSRF", "1").contentType("application/json")
                .body("{\"scopes\":[\"openid\",\"profile\",\"email\",\"read_user\",\"read_api\"]}")
                .when().post("/api/accounts/" + account + "/scopes")
                .then().statusCode(403).body("code", equalTo("access_denied_by_policy"));
        assertEquals("forbidden", account(user).status(), "not turned into reauth_required");
        assertFalse(emulator.stats().refreshes(user.id()) > 0, "GitLab is not asked");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Signs {@code user} in on the default instance and links an allowed account on the second, which keeps the session. */
    private Browser signedInWithSecondAccount(EmulatorUser user) {
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(user, "/");
        String username = "else-" + UUID.randomUUID().toString().substring(0, 8);
        EmulatorUser elsewhere = second.emulator().createUser(username, "Elsewhere", username + "@example.test");
        Page linked = new LinkFlow(browser, settings, second.emulator(), second.instanceId()).link(elsewhere);
        assertEquals(303, linked.status(), linked.body());
        return browser;
    }

    private ValidatableResponse newIssue(Browser browser, String account) {
        return api(browser).header("X-CSRF", "1").contentType("application/json")
                .body("{\"title\":\"step-up " + URLEncoder.encode(account, StandardCharsets.UTF_8) + "\"}")
                .when().post("/api/accounts/" + account + "/projects/1/issues").then();
    }

    private io.restassured.specification.RequestSpecification api(Browser browser) {
        return given().baseUri(settings.baseUrl())
                .cookie(SignedInUser.COOKIE, browser.cookie(settings.baseUrl(), SignedInUser.COOKIE).orElseThrow());
    }

    private AccountRows.Row account(EmulatorUser user) {
        return accounts.find(emulator.baseUrl(), String.valueOf(user.id())).orElseThrow();
    }

    private EmulatorUser newUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Policy " + prefix, username + "@example.test");
    }

    private EmulatorGroup join(EmulatorUser user, String groupPath) {
        EmulatorGroup group = emulator.data().group(groupPath).orElseThrow();
        emulator.data().addGroupMember(group.id(), user.id(), EmulatorData.DEVELOPER);
        return group;
    }
}
