package dev.gitlablink.link;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.link.service.DeviceLinkPoller;
import dev.gitlablink.local.LocalPostgres;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.DeviceLinkRows;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Linking by device code: the service polls GitLab's token endpoint itself, as GitLab asks (interval, slow_down),
 * one replica per grant, and links an approval to the user who started it, under the usual linking rules.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeviceLinkTest {

    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(20);

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accountRows;

    @LocalServices
    LocalPostgres postgres;

    @Inject
    DeviceLinkPoller poller;

    private DeviceLinkRows rows;

    @BeforeEach
    void setUp() {
        rows = new DeviceLinkRows(postgres);
        emulator.knobs().devicePollInterval(Duration.ofSeconds(1));
    }

    @AfterEach
    void resetKnobs() {
        emulator.knobs().reset();
    }

    @Test
    void anApprovedCodeLinksTheAccountToTheUserWhoStartedIt() {
        SignedInUser alice = SignedInUser.signIn(emulator, settings, "device-alice");
        EmulatorUser bob = newUser("device-bob");
        long approvedBefore = emulator.stats().devicePolls("approved");

        JsonPath started = start(alice);
        String id = started.getString("id");
        String userCode = started.getString("userCode");
        assertEquals(emulator.baseUrl() + "/oauth/device", started.getString("verificationUri"));
        assertEquals(emulator.baseUrl() + "/oauth/device?user_code=" + userCode,
                started.getString("verificationUriComplete"));
        assertEquals(1, started.getInt("interval"));
        assertNotNull(started.getString("expiresAt"));
        DeviceLinkRows.Row pending = rows.find(id).orElseThrow();
        assertEquals("pending", pending.status());
        assertNotNull(pending.deviceCodeCiphertext(), "the device code is stored, encrypted");
        status(alice, id).then().statusCode(200).body("status", equalTo("pending"));

        assertTrue(emulator.decideDevice(userCode, bob, true));
        String accountId = awaitStatus(alice, id, "linked").getString("accountId");

        AccountRows.Row bobs = accountRows.find(emulator.baseUrl(), String.valueOf(bob.id())).orElseThrow();
        AccountRows.Row alices = accountRows.find(emulator.baseUrl(), String.valueOf(alice.gitLabUser().id()))
                .orElseThrow();
        assertEquals(bobs.id().toString(), accountId);
        assertEquals(alices.userId(), bobs.userId(), "bob's GitLab account joins alice's user");
        DeviceLinkRows.Row linked = rows.find(id).orElseThrow();
        assertEquals(bobs.id(), linked.accountId());
        assertNull(linked.deviceCodeCiphertext(), "the device code is dropped once the link ends");
        assertEquals(approvedBefore + 1, emulator.stats().devicePolls("approved"));
        assertFalse(last(bob).revoked(), "the linked account keeps its grant");
        alice.api().when().get("/api/session").then().statusCode(200).body("accounts.size()", equalTo(2));

        // Only its owner sees the link.
        SignedInUser stranger = SignedInUser.signIn(emulator, settings, "device-stranger");
        status(stranger, id).then().statusCode(404).body("code", equalTo("link_intent_not_found"));
    }

    @Test
    void aDeniedCodeLinksNothing() {
        SignedInUser alice = SignedInUser.signIn(emulator, settings, "device-deny");
        EmulatorUser bob = newUser("device-denied");
        long deniedBefore = emulator.stats().devicePolls("access_denied");

        JsonPath started = start(alice);
        assertTrue(emulator.decideDevice(started.getString("userCode"), bob, false));
        awaitStatus(alice, started.getString("id"), "denied");

        assertEquals(deniedBefore + 1, emulator.stats().devicePolls("access_denied"));
        assertTrue(emulator.tokensIssuedTo(bob.id()).isEmpty(), "GitLab issued nothing");
        assertTrue(accountRows.find(emulator.baseUrl(), String.valueOf(bob.id())).isEmpty());
        assertNull(rows.find(started.getString("id")).orElseThrow().deviceCodeCiphertext());
    }

    @Test
    void anExpiredCodeLinksNothing() {
        emulator.knobs().deviceCodeLifetime(Duration.ofSeconds(2));
        SignedInUser alice = SignedInUser.signIn(emulator, settings, "device-expiry");
        EmulatorUser bob = newUser("device-expired");

        JsonPath started = start(alice);
        awaitStatus(alice, started.getString("id"), "expired");

        assertFalse(emulator.decideDevice(started.getString("userCode"), bob, true), "too late at GitLab too");
        assertTrue(emulator.tokensIssuedTo(bob.id()).isEmpty());
        assertTrue(accountRows.find(emulator.baseUrl(), String.valueOf(bob.id())).isEmpty());
    }

    @Test
    void signingOutEndsTheLink() {
        SignedInUser alice = SignedInUser.signIn(emulator, settings, "device-signout");
        EmulatorUser bob = newUser("device-after-signout");
        JsonPath started = start(alice);
        String id = started.getString("id");

        alice.api().header("X-CSRF", "1").when().post("/api/logout").then().statusCode(204);
        assertTrue(emulator.decideDevice(started.getString("userCode"), bob, true));
        await().atMost(OUTCOME_WAIT).until(() -> "expired".equals(rows.find(id).orElseThrow().status()));

        assertTrue(emulator.tokensIssuedTo(bob.id()).isEmpty(), "the approved grant was never redeemed");
        assertTrue(accountRows.find(emulator.baseUrl(), String.valueOf(bob.id())).isEmpty());
    }

    @Test
    void anAccountLinkedToAnotherUserIsRefusedAndItsNewTokensRevoked() {
        SignedInUser bob = SignedInUser.signIn(emulator, settings, "device-owner");
        SignedInUser alice = SignedInUser.signIn(emulator, settings, "device-taker");

        JsonPath started = start(alice);
        assertTrue(emulator.decideDevice(started.getString("userCode"), bob.gitLabUser(), true));
        awaitStatus(alice, started.getString("id"), "refused");

        AccountRows.Row bobs = accountRows.find(emulator.baseUrl(), String.valueOf(bob.gitLabUser().id()))
                .orElseThrow();
        assertEquals(bob.accountId(), bobs.id().toString(), "bob's account stays bob's");
        await().atMost(OUTCOME_WAIT).until(() -> last(bob.gitLabUser()).revoked());
        alice.api().when().get("/api/session").then().body("accounts.size()", equalTo(1));
    }

    @Test
    void slowDownMakesTheServicePollLessOften() throws InterruptedException {
        emulator.knobs().devicePollInterval(Duration.ofSeconds(2));
        SignedInUser alice = SignedInUser.signIn(emulator, settings, "device-slow");
        JsonPath started = start(alice);
        String id = started.getString("id");
        long slowDownsBefore = emulator.stats().devicePolls("slow_down");
        try {
            // A service polling faster than GitLab's 2 s: every poller run (each second) finds the row due.
            rows.update(id, "interval_seconds = 0, next_poll_at = now()");
            await().atMost(OUTCOME_WAIT).until(() -> rows.find(id).orElseThrow().intervalSeconds() == 5);

            assertEquals(slowDownsBefore + 1, emulator.stats().devicePolls("slow_down"));
            long polls = emulator.stats().devicePolls();
            Thread.sleep(3_000);
            assertEquals(polls, emulator.stats().devicePolls(), "no poll before the grown interval has passed");
            status(alice, id).then().body("status", equalTo("pending"));
        } finally {
            rows.update(id, "status = 'expired'");
        }
    }

    @Test
    void oneReplicaPollsEachGrant() throws Exception {
        emulator.knobs().devicePollInterval(Duration.ofSeconds(30));
        SignedInUser alice = SignedInUser.signIn(emulator, settings, "device-once");
        String id = start(alice).getString("id");
        try {
            long polls = emulator.stats().devicePolls();
            rows.update(id, "next_poll_at = now()");
            ExecutorService replicas = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> runs = replicas.invokeAll(List.of(poller::runOnce, poller::runOnce));
                for (Future<Integer> run : runs) {
                    run.get();
                }
            } finally {
                replicas.shutdown();
            }
            // The scheduled poller may have taken the row too: still one poll in all.
            await().atMost(OUTCOME_WAIT).until(() -> emulator.stats().devicePolls() > polls);
            Thread.sleep(1_500);
            assertEquals(polls + 1, emulator.stats().devicePolls(), "GitLab was polled once");
            DeviceLinkRows.Row row = rows.find(id).orElseThrow();
            assertEquals(1, row.polls());
            assertEquals("pending", row.status());
        } finally {
            rows.update(id, "status = 'expired'");
        }
    }

    @Test
    void anUnknownInstanceIsRefused() {
        SignedInUser alice = SignedInUser.signIn(emulator, settings, "device-unknown");
        alice.api().header("X-CSRF", "1").contentType("application/json").body("{\"instance\":\"nope\"}")
                .when().post("/api/links/device")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        alice.api().contentType("application/json").body("{\"instance\":\"gitlab\"}")
                .when().post("/api/links/device")
                .then().statusCode(403).body("code", equalTo("csrf_header_missing"));
    }

    private JsonPath start(SignedInUser user) {
        return user.api().header("X-CSRF", "1").contentType("application/json").body("{\"instance\":\"gitlab\"}")
                .when().post("/api/links/device")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    private static io.restassured.response.Response status(SignedInUser user, String id) {
        return user.api().when().get("/api/links/device/" + id);
    }

    private static JsonPath awaitStatus(SignedInUser user, String id, String expected) {
        await().atMost(OUTCOME_WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> expected.equals(status(user, id).then().statusCode(200).extract().path("status")));
        return status(user, id).then().extract().jsonPath();
    }

    private EmulatorToken last(EmulatorUser user) {
        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.id());
        return issued.get(issued.size() - 1);
    }

    private EmulatorUser newUser(String prefix) {
        String username = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Test " + prefix, username + "@example.test");
    }
}
