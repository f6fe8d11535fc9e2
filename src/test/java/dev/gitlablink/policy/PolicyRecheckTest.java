package dev.gitlablink.policy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

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
import dev.gitlablink.testsupport.StoredState;
import dev.gitlablink.testsupport.TestPolicy;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The access policy checked again after sign-in: at every refresh and by the sweep, a user removed from the allowed
 * group loses access (the account forbidden, its grant revoked, the sessions ended when it was the user's only allowed
 * account); and links, by browser and by device code, of identities the policy refuses.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.ACCESS_POLICY, value = "true"))
class PolicyRecheckTest {

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

    @Inject
    StoredState stored;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void groups() {
        PolicyFixtures.groups(emulator);
        outbox.awaitNothingPending();
    }

    @AfterEach
    void resetKnobs() {
        emulator.knobs().reset();
    }

    @Test
    void removalFromTheGroupTakesEffectAtTheNextRefresh() {
        EmulatorUser user = newUser("refresh");
        EmulatorGroup group = join(user, "acme/platform/team");
        SignedInUser signedIn = signIn(user);
        signedIn.api().when().get(signedIn.account() + "/user").then().statusCode(200);
        long userinfoBefore = emulator.stats().userinfoRequests(user.id());

        emulator.data().removeGroupMember(group.id(), user.id());
        emulator.knobs().expireAccessTokens(user.id());
        signedIn.api().when().get(signedIn.account() + "/user").then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("access_denied_by_policy"));

        assertEquals(1, emulator.stats().refreshes(user.id()), "GitLab refreshed the grant once");
        assertEquals(userinfoBefore + 1, emulator.stats().userinfoRequests(user.id()),
                "the refresh read userinfo's groups");
        assertForbiddenAndSignedOut(user, signedIn);
    }

    @Test
    void theSweepFindsARemovalWithoutTheUserMakingAnyGitLabCall() {
        EmulatorUser user = newUser("idle");
        EmulatorGroup group = join(user, TestPolicy.ALLOWED_GROUP);
        SignedInUser signedIn = signIn(user);
        assertEquals(1, sweep.runOnce() >= 1 ? 1 : 0, "the sweep checks the live session's account");
        assertEquals("active", account(user).status(), "still allowed");
        long apiBefore = emulator.stats().apiRequests();

        emulator.data().removeGroupMember(group.id(), user.id());
        sweep.runOnce();

        assertEquals(0, emulator.stats().refreshes(user.id()), "no refresh was needed");
        assertTrue(emulator.stats().apiRequests() > apiBefore, "the sweep read the user at GitLab");
        assertForbiddenAndSignedOut(user, signedIn);
    }

    /** Two replicas sweeping at once check a due account once: the claim skips rows another claim holds. */
    @Test
    void oneReplicaChecksEachAccount() throws Exception {
        EmulatorUser user = newUser("replicas");
        join(user, TestPolicy.ALLOWED_GROUP);
        SignedInUser signedIn = signIn(user);
        execute("update linked_account set policy_checked_at = null where id = '" + signedIn.accountId() + "'");
        long before = emulator.stats().userinfoRequests(user.id());

        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            for (Future<Integer> run : replicas.invokeAll(List.<Callable<Integer>>of(
                    () -> sweep.runOnce(Duration.ofHours(1)), () -> sweep.runOnce(Duration.ofHours(1))))) {
                run.get();
            }
        } finally {
            replicas.shutdownNow();
        }

        assertEquals(before + 1, emulator.stats().userinfoRequests(user.id()), "checked once");
        assertEquals("active", account(user).status());
        assertEquals(0, sweep.runOnce(Duration.ofHours(1)), "checked now, so not due again within the hour");
    }

    @Test
    void anotherAllowedAccountKeepsTheSessions() {
        EmulatorUser user = newUser("two");
        EmulatorGroup group = join(user, TestPolicy.ALLOWED_GROUP);
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(user, "/");
        String cookie = browser.cookie(settings.baseUrl(), SignedInUser.COOKIE).orElseThrow();
        EmulatorUser elsewhere = second.emulator().createUser("two-" + UUID.randomUUID().toString().substring(0, 8),
                "Elsewhere", "two@example.test");
        Page linked = new LinkFlow(browser, settings, second.emulator(), second.instanceId()).link(elsewhere);
        assertEquals(303, linked.status(), linked.body());
        SignedInUser signedIn = new SignedInUser(user, cookie, account(user).id().toString(), settings);

        emulator.data().removeGroupMember(group.id(), user.id());
        sweep.runOnce();

        assertEquals("forbidden", account(user).status());
        signedIn.api().when().get("/api/session").then().statusCode(200)
                .body("accounts.find { it.instanceId == 'gitlab' }.status", equalTo("forbidden"))
                .body("accounts.find { it.instanceId == 'second' }.status", equalTo("active"));
        signedIn.api().when().get(signedIn.account() + "/projects").then().statusCode(403)
                .body("code", equalTo("access_denied_by_policy"));
        outbox.awaitNothingPending();
        assertTrue(emulator.tokensIssuedTo(user.id()).stream().allMatch(EmulatorToken::revoked));
        assertTrue(second.emulator().tokensIssuedTo(elsewhere.id()).stream().anyMatch(pair -> !pair.revoked()),
                "the other instance's grant stays");
    }

    @Test
    void aBrowserLinkOfARefusedIdentityLinksNothingAndRevokesItsTokens() {
        EmulatorUser owner = newUser("linker");
        join(owner, TestPolicy.ALLOWED_GROUP);
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(owner, "/");
        EmulatorUser refused = newUser("refused-link");
        StoredState.Snapshot before = stored.read(emulator);

        Page answer = new LinkFlow(browser, settings, emulator).link(refused);

        assertEquals(403, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"code\":\"access_denied_by_policy\""), answer.body());
        assertEquals(before.rows().get("linked_account"), stored.read(emulator).rows().get("linked_account"));
        outbox.awaitNothingPending();
        List<EmulatorToken> issued = emulator.tokensIssuedTo(refused.id());
        assertEquals(1, issued.size());
        assertTrue(issued.getFirst().revoked());
    }

    @Test
    void aDeviceLinkOfARefusedIdentityAnswersTheProblem() {
        EmulatorUser owner = newUser("device-owner");
        join(owner, TestPolicy.ALLOWED_GROUP);
        SignedInUser signedIn = signIn(owner);
        EmulatorUser refused = newUser("device-refused");
        emulator.knobs().devicePollInterval(Duration.ofSeconds(1));

        var started = signedIn.api().header("X-CSRF", "1").contentType("application/json")
                .body("{\"instance\":\"gitlab\"}").when().post("/api/links/device")
                .then().statusCode(200).extract().jsonPath();
        assertTrue(emulator.decideDevice(started.getString("userCode"), refused, true));

        await().atMost(Duration.ofSeconds(20)).until(() -> signedIn.api().when()
                .get("/api/links/device/" + started.getString("id")).statusCode() == 403);
        signedIn.api().when().get("/api/links/device/" + started.getString("id")).then().statusCode(403)
                .body("code", equalTo("access_denied_by_policy"));
        assertTrue(accounts.find(emulator.baseUrl(), String.valueOf(refused.id())).isEmpty());
        outbox.awaitNothingPending();
        assertTrue(emulator.tokensIssuedTo(refused.id()).stream().allMatch(EmulatorToken::revoked));
        signedIn.api().when().get("/api/session").then().statusCode(200).body("accounts.size()", equalTo(1));
    }

    private void assertForbiddenAndSignedOut(EmulatorUser user, SignedInUser signedIn) {
        assertEquals("forbidden", account(user).status());
        signedIn.api().when().get("/api/session").then().statusCode(401);
        outbox.awaitNothingPending();
        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.id());
        assertTrue(issued.stream().allMatch(EmulatorToken::revoked), "every pair is revoked: " + issued.size());
        given().baseUri(emulator.baseUrl()).header("Authorization", "Bearer " + issued.getLast().accessToken())
                .when().get("/api/v4/user").then().statusCode(401);
    }

    private void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
