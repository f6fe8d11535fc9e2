package dev.gitlablink.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LinkFlow;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.SecondGitLab;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Two GitLab instances at once, each an emulator with its own OAuth application: sign-in on either (one quarkus-oidc
 * tenant per instance), the same numeric GitLab user id on both as two identities, data reads and refreshes going to
 * the account's own instance, one instance down while the other serves, the public instance list, unknown and removed
 * instances. Its own application (it takes an instance down).
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.DISPOSABLE, value = "instances"))
class SeveralInstancesTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    SecondGitLab second;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows rows;

    /** A user on each instance with the same numeric id, as two GitLab servers each counting from 1 would have. */
    private record Twins(EmulatorUser onFirst, EmulatorUser onSecond) {
    }

    private Twins twins(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        EmulatorUser onFirst = emulator.createUser(username, "First " + prefix, username + "@first.test");
        EmulatorUser onSecond = second.emulator().createUser(username, "Second " + prefix, username + "@second.test");
        while (onSecond.id() < onFirst.id()) {
            onSecond = second.emulator().createUser(username + "-" + onSecond.id(), "Filler", onSecond.id() + "@x.test");
        }
        while (onFirst.id() < onSecond.id()) {
            onFirst = emulator.createUser(username + "-" + onFirst.id(), "First " + prefix, onFirst.id() + "@y.test");
        }
        assertEquals(onFirst.id(), onSecond.id());
        return new Twins(onFirst, onSecond);
    }

    /** Signs {@code user} in on {@code instance} (null: no instance parameter) and returns the session cookie. */
    private String signIn(GitLabEmulator at, EmulatorUser user, String instance) {
        Browser browser = new Browser();
        SignInFlow.Hops hops = new SignInFlow(browser, settings, at).signIn(user, "/", instance);
        assertTrue(hops.authorizeUrl().toString().startsWith(at.baseUrl() + "/oauth/authorize?"),
                "authorize at the instance's GitLab: " + hops.authorizeUrl());
        assertEquals("S256", SignInFlow.queryParam(hops.authorizeUrl(), "code_challenge_method"));
        assertEquals(at == emulator ? "openid profile email read_user read_api" : SecondGitLab.SCOPES,
                SignInFlow.queryParam(hops.authorizeUrl(), "scope"),
                "each instance asks for its own scopes");
        assertFalse(SignInFlow.queryParam(hops.authorizeUrl(), "state").isBlank());
        assertFalse(SignInFlow.queryParam(hops.authorizeUrl(), "nonce").isBlank());
        return browser.cookie(settings.baseUrl(), SignedInUser.COOKIE).orElseThrow();
    }

    private JsonPath session(String cookie) {
        return given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE, cookie)
                .when().get("/api/session").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aUserSignedInOnOneInstanceLinksAnAccountOnTheOther() {
        Twins twins = twins("linker");
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(twins.onFirst(), "/", null);
        String cookie = browser.cookie(settings.baseUrl(), SignedInUser.COOKIE).orElseThrow();

        Page linked = new LinkFlow(browser, settings, second.emulator(), SecondGitLab.INSTANCE_ID)
                .link(twins.onSecond());

        assertEquals(303, linked.status(), linked.body());
        JsonPath me = session(cookie);
        assertEquals(List.of("gitlab", SecondGitLab.INSTANCE_ID), me.getList("accounts.instanceId").stream().sorted()
                .toList(), "one user, an account on each instance");
        assertEquals(1, rows.countFor(second.emulator().baseUrl(), String.valueOf(twins.onSecond().id())));
        for (int i = 0; i < 2; i++) {
            String account = me.getString("accounts[" + i + "].id");
            String email = SecondGitLab.INSTANCE_ID.equals(me.getString("accounts[" + i + "].instanceId"))
                    ? twins.onSecond().email() : twins.onFirst().email();
            given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE, cookie)
                    .when().get("/api/accounts/" + account + "/user")
                    .then().statusCode(200).body("email", equalTo(email));
        }
    }

    @Test
    void theSameUserIdOnTwoInstancesIsTwoIdentities() {
        Twins twins = twins("twin");

        JsonPath onFirst = session(signIn(emulator, twins.onFirst(), null));
        JsonPath onSecond = session(signIn(second.emulator(), twins.onSecond(), SecondGitLab.INSTANCE_ID));

        assertEquals(List.of("gitlab"), onFirst.getList("accounts.instanceId"));
        assertEquals(List.of(SecondGitLab.INSTANCE_ID), onSecond.getList("accounts.instanceId"));
        assertEquals(List.of(SecondGitLab.NAME), onSecond.getList("accounts.instanceName"));
        assertEquals(List.of(second.emulator().baseUrl()), onSecond.getList("accounts.instanceUrl"));
        assertEquals(onFirst.getString("accounts[0].gitlabUserId"), onSecond.getString("accounts[0].gitlabUserId"));
        assertNotEquals(onFirst.getString("accounts[0].id"), onSecond.getString("accounts[0].id"));
        assertNotEquals(onFirst.getString("user.id"), onSecond.getString("user.id"));
        String userId = String.valueOf(twins.onFirst().id());
        assertEquals(1, rows.countFor(emulator.baseUrl(), userId));
        assertEquals(1, rows.countFor(second.emulator().baseUrl(), userId));

        // Signing in again on each instance updates that instance's row only.
        signIn(second.emulator(), twins.onSecond(), SecondGitLab.INSTANCE_ID);
        signIn(emulator, twins.onFirst(), "gitlab");
        assertEquals(1, rows.countFor(emulator.baseUrl(), userId));
        assertEquals(1, rows.countFor(second.emulator().baseUrl(), userId));
    }

    @Test
    void dataReadsAndRefreshesGoToTheAccountsInstance() {
        Twins twins = twins("reader");
        String firstCookie = signIn(emulator, twins.onFirst(), null);
        second.emulator().knobs().accessTokenLifetime(Duration.ofSeconds(1));
        String secondCookie;
        try {
            secondCookie = signIn(second.emulator(), twins.onSecond(), SecondGitLab.INSTANCE_ID);
        } finally {
            second.emulator().knobs().accessTokenLifetime(Duration.ofHours(2));
        }
        String firstAccount = session(firstCookie).getString("accounts[0].id");
        String secondAccount = session(secondCookie).getString("accounts[0].id");
        long firstReads = emulator.stats().apiRequests("/api/v4/user");
        long secondReads = second.emulator().stats().apiRequests("/api/v4/user");

        given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE, firstCookie)
                .when().get("/api/accounts/" + firstAccount + "/user")
                .then().statusCode(200).body("email", equalTo(twins.onFirst().email()));
        assertEquals(firstReads + 1, emulator.stats().apiRequests("/api/v4/user"));
        assertEquals(secondReads, second.emulator().stats().apiRequests("/api/v4/user"));

        // The second account's token is (nearly) expired: it is refreshed at the second GitLab, with its own client.
        given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE, secondCookie)
                .when().get("/api/accounts/" + secondAccount + "/user")
                .then().statusCode(200).body("email", equalTo(twins.onSecond().email()));
        assertEquals(secondReads + 1, second.emulator().stats().apiRequests("/api/v4/user"));
        assertEquals(firstReads + 1, emulator.stats().apiRequests("/api/v4/user"));
        assertEquals(1, second.emulator().stats().refreshes(twins.onSecond().id()));
        assertEquals(0, emulator.stats().refreshes(twins.onFirst().id()));
    }

    @Test
    void oneInstanceDownWhileTheOtherServes() {
        Twins twins = twins("outage");
        String firstCookie = signIn(emulator, twins.onFirst(), null);
        String secondCookie = signIn(second.emulator(), twins.onSecond(), SecondGitLab.INSTANCE_ID);
        String firstAccount = session(firstCookie).getString("accounts[0].id");
        String secondAccount = session(secondCookie).getString("accounts[0].id");
        second.emulator().knobs().down(true);
        try {
            given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE, secondCookie)
                    .when().get("/api/accounts/" + secondAccount + "/user")
                    .then().statusCode(502).body("code", equalTo("gitlab_unavailable"));
            given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE, firstCookie)
                    .when().get("/api/accounts/" + firstAccount + "/projects")
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                given().baseUri(settings.baseUrl()).when().get("/q/health/ready")
                        .then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.find { it.name == 'GitLab reachability' }.status", equalTo("UP"))
                        .body("checks.find { it.name == 'GitLab reachability' }.data.reachable", equalTo(false))
                        .body("checks.find { it.name == 'GitLab reachability' }.data.'second.reachable'",
                                equalTo(false))
                        .body("checks.find { it.name == 'GitLab reachability' }.data.'gitlab.reachable'",
                                equalTo(true));
                String metrics = given().baseUri(settings.baseUrl()).when().get("/q/metrics").then().statusCode(200)
                        .extract().asString();
                assertTrue(metrics.contains("gitlab_link_gitlab_reachable{instance=\"second\",url=\""
                        + second.emulator().baseUrl() + "\"} 0.0"), metrics);
                assertTrue(metrics.contains("gitlab_link_gitlab_reachable{instance=\"gitlab\",url=\""
                        + emulator.baseUrl() + "\"} 1.0"), metrics);
            });
            // Signing in on the first instance still works too.
            signIn(emulator, emulator.createUser("during-" + UUID.randomUUID().toString().substring(0, 8), "During",
                    UUID.randomUUID() + "@d.test"), null);
        } finally {
            second.emulator().knobs().down(false);
        }
    }

    @Test
    void theInstancesAreListedPubliclyWithoutSecrets() {
        for (Map<String, String> cookies : List.of(Map.<String, String>of(),
                Map.of(SignedInUser.COOKIE, "forged-or-expired-session-cookie"))) {
            String body = given().baseUri(settings.baseUrl()).cookies(cookies)
                    .when().get("/api/instances")
                    .then().statusCode(200)
                    .contentType("application/json")
                    .header("Cache-Control", containsString("no-store"))
                    .body("id", equalTo(List.of("gitlab", SecondGitLab.INSTANCE_ID)))
                    .body("name", equalTo(List.of("GitLab", SecondGitLab.NAME)))
                    .body("url", equalTo(List.of(emulator.baseUrl(), second.emulator().baseUrl())))
                    .body("isDefault", equalTo(List.of(true, false)))
                    .body(not(containsString(settings.clientSecret())))
                    .extract().asString();
            assertFalse(body.toLowerCase().contains("secret") || body.contains(settings.clientId())
                    || body.contains(SecondGitLab.CLIENT_ID), body);
        }
    }

    @Test
    void anUnknownInstanceIsRefused() {
        given().baseUri(settings.baseUrl()).redirects().follow(false).accept("application/json")
                .when().get("/login?instance=nope")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("unknown_instance"))
                .body("errors[0].field", equalTo("instance"))
                .header("Set-Cookie", equalTo(null));
        given().baseUri(settings.baseUrl()).redirects().follow(false).accept("text/html")
                .when().get("/login?instance=nope&returnTo=/x")
                .then().statusCode(303)
                .header("Location", "/?loginError=unknown_instance")
                .header("Set-Cookie", equalTo(null));
        // A repeated parameter is not a choice either.
        given().baseUri(settings.baseUrl()).redirects().follow(false).accept("application/json")
                .when().get("/login?instance=gitlab&instance=second")
                .then().statusCode(400).body("code", equalTo("unknown_instance"));
    }

    @Test
    void aLinkToTheDefaultInstanceNamedByItsIdSignsInThere() {
        EmulatorUser user = emulator.createUser("named-" + UUID.randomUUID().toString().substring(0, 8), "Named",
                UUID.randomUUID() + "@n.test");
        JsonPath session = session(signIn(emulator, user, "gitlab"));
        assertEquals(List.of("gitlab"), session.getList("accounts.instanceId"));
    }

    @Test
    void anAccountOfARemovedInstanceIsShownAndCanOnlyBeUnlinked() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "removed");
        rows.moveToInstance(user.accountId(), "https://removed.example.test");
        long revocations = emulator.stats().revocations();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> user.api().when().get("/api/session")
                .then().statusCode(200)
                .body("accounts[0].status", equalTo("instance_removed"))
                .body("accounts[0].instanceUrl", equalTo("https://removed.example.test"))
                .body("accounts[0].instanceId", equalTo(null)));
        // The token cache may still hold the account for a moment (TOKEN_CACHE_TTL), read from before the move.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> user.api().when().get(user.account() + "/user")
                .then().statusCode(410)
                .contentType("application/problem+json")
                .body("code", equalTo("instance_removed")));
        user.api().header("X-CSRF", "1").when().delete(user.account()).then().statusCode(204);
        user.api().when().get("/api/session").then().statusCode(200).body("accounts.size()", equalTo(0));
        assertEquals(revocations, emulator.stats().revocations(), "nothing sent to any GitLab");
    }
}
