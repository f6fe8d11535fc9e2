package dev.gitlablink.link;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.local.LocalPostgres;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LinkFlow;
import dev.gitlablink.testsupport.LinkIntentRows;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Linking another GitLab account is an explicit intent of one session: it links only when GitLab's answer comes
 * back, once and in time, in that same session; every refusal links nothing and leaves GitLab's new grant revoked.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LinkIntentTest {

    /** The outbox revokes right after the refusal commits; this only bounds a slow machine. */
    private static final Duration REVOCATION_WAIT = Duration.ofSeconds(15);

    private static final String COOKIE = SignedInUser.COOKIE;
    private static final int CONTENDERS = 8;

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accountRows;

    @LocalServices
    LocalPostgres postgres;

    private LinkIntentRows intentRows;

    @BeforeEach
    void rows() {
        intentRows = new LinkIntentRows(postgres);
    }

    @Test
    void linksTheAccountToTheSessionsUser() {
        EmulatorUser alice = newUser("alice");
        EmulatorUser bob = newUser("bob");
        Browser browser = signedIn(alice);
        LinkFlow flow = new LinkFlow(browser, settings, emulator);

        String startUrl = flow.request();
        assertTrue(startUrl.matches("/links/start/[A-Za-z0-9_-]{43}"), startUrl);
        Page done = flow.finish(flow.authorize(flow.toGitLab(flow.start(startUrl)), bob));

        AccountRows.Row alices = row(alice);
        AccountRows.Row bobs = row(bob);
        assertEquals(303, done.status(), done.body());
        assertEquals("/?linked=" + bobs.id(), done.location().getPath() + "?" + done.location().getQuery());
        assertEquals(alices.userId(), bobs.userId(), "bob's GitLab account joins alice's user");
        assertFalse(browser.cookies(settings.baseUrl()).containsKey("q_session"), "no OIDC session left behind");
        session(browser).then().statusCode(200)
                .body("accounts.username", containsInAnyOrder(alice.username(), bob.username()));
        LinkIntentRows.Row intent = intentRows.find(LinkFlow.intentHash(startUrl)).orElseThrow();
        assertNotNull(intent.startedAt());
        assertNotNull(intent.consumedAt());
        assertFalse(last(bob).revoked(), "the linked account keeps its grant");
    }

    @Test
    void aReplayedCallbackOrIntentLinksNothing() {
        EmulatorUser alice = newUser("replay");
        EmulatorUser bob = newUser("replayed");
        EmulatorUser carol = newUser("replay-late");
        Browser browser = signedIn(alice);
        LinkFlow flow = new LinkFlow(browser, settings, emulator);
        String startUrl = flow.request();
        URI callback = flow.authorize(flow.toGitLab(flow.start(startUrl)), bob);
        assertEquals(303, flow.finish(callback).status());
        long codesRedeemed = emulator.stats().tokenRequests("authorization_code");

        // The same callback again: its state was used up, so no code is redeemed.
        Page replayedCallback = browser.get(callback.toString());
        assertTrue(replayedCallback.status() < 500, "status " + replayedCallback.status());
        assertFalse(replayedCallback.isRedirect() && replayedCallback.location().getPath().equals("/links/complete"));
        // The same start URL again: refused before GitLab is asked.
        Page replayedStart = flow.start(startUrl);
        assertEquals(409, replayedStart.status());
        assertTrue(replayedStart.body().contains("\"code\":\"link_intent_used\""), replayedStart.body());
        assertEquals(codesRedeemed, emulator.stats().tokenRequests("authorization_code"));

        // A whole new code flow carrying the used intent: GitLab issues tokens, which are revoked, and nothing links.
        Page completeAgain = browser.get(settings.baseUrl() + "/links/complete?intent="
                + startUrl.substring(startUrl.lastIndexOf('/') + 1));
        assertEquals(302, completeAgain.status());
        Page refused = flow.finish(flow.authorize(completeAgain.location(), carol));
        assertRefused(refused, 409, "link_intent_used");
        assertTrue(accountRows.find(emulator.baseUrl(), id(carol)).isEmpty(), "carol is linked to nobody");
        assertTrue(eventuallyRevoked(carol), "the tokens GitLab issued for the refused link are revoked");
        session(browser).then().body("accounts", hasSize(2));
    }

    @Test
    void anExpiredIntentLinksNothing() {
        EmulatorUser alice = newUser("expiry");
        EmulatorUser bob = newUser("expired");
        Browser browser = signedIn(alice);
        LinkFlow flow = new LinkFlow(browser, settings, emulator);
        String startUrl = flow.request();
        URI authorize = flow.toGitLab(flow.start(startUrl));

        intentRows.expire(LinkFlow.intentHash(startUrl));
        Page refused = flow.finish(flow.authorize(authorize, bob));

        assertRefused(refused, 410, "link_intent_expired");
        assertTrue(accountRows.find(emulator.baseUrl(), id(bob)).isEmpty());
        assertTrue(eventuallyRevoked(bob));
        assertNotNull(intentRows.find(LinkFlow.intentHash(startUrl)).orElseThrow().consumedAt(), "used up");
        session(browser).then().body("accounts", hasSize(1));

        String another = flow.request();
        intentRows.expire(LinkFlow.intentHash(another));
        long codes = emulator.stats().tokenRequests("authorization_code");
        assertRefused(flow.start(another), 410, "link_intent_expired");
        assertEquals(codes, emulator.stats().tokenRequests("authorization_code"));
    }

    @Test
    void aCallbackInAnotherSessionLinksNothing() {
        EmulatorUser alice = newUser("session");
        EmulatorUser bob = newUser("session-other");
        Browser browser = signedIn(alice);
        Browser alicesOtherBrowser = signedIn(alice);
        String otherSession = alicesOtherBrowser.cookie(settings.baseUrl(), COOKIE).orElseThrow();
        LinkFlow flow = new LinkFlow(browser, settings, emulator);
        String startUrl = flow.request();
        URI authorize = flow.toGitLab(flow.start(startUrl));

        // GitLab's answer comes back with another session of the same user: still not the session that asked.
        browser.setCookie(settings.baseUrl(), COOKIE, otherSession);
        Page refused = flow.finish(flow.authorize(authorize, bob));

        assertRefused(refused, 403, "link_session_mismatch");
        assertTrue(accountRows.find(emulator.baseUrl(), id(bob)).isEmpty());
        assertTrue(eventuallyRevoked(bob));

        // A start URL opened in another browser is refused before GitLab is asked.
        String startElsewhere = new LinkFlow(alicesOtherBrowser, settings, emulator).request();
        Browser stranger = signedIn(newUser("stranger"));
        long codes = emulator.stats().tokenRequests("authorization_code");
        assertRefused(new LinkFlow(stranger, settings, emulator).start(startElsewhere), 403, "link_session_mismatch");
        assertRefused(new LinkFlow(new Browser(), settings, emulator).start(startElsewhere), 403,
                "link_session_mismatch");
        assertEquals(codes, emulator.stats().tokenRequests("authorization_code"));
        assertEquals(null, intentRows.find(LinkFlow.intentHash(startElsewhere)).orElseThrow().startedAt());
    }

    @Test
    void anIdentityLinkedToAnotherUserStaysTheirs() {
        EmulatorUser alice = newUser("claimer");
        EmulatorUser carol = newUser("owner");
        Browser carols = signedIn(carol);
        AccountRows.Row before = row(carol);
        List<EmulatorToken> carolsTokens = emulator.tokensIssuedTo(carol.id());
        Browser browser = signedIn(alice);

        Page refused = new LinkFlow(browser, settings, emulator).link(carol);

        assertRefused(refused, 409, "account_linked_elsewhere");
        assertEquals(before.userId(), row(carol).userId(), "carol's account stays with carol");
        assertTrue(eventuallyRevoked(carol), "the tokens of the refused link are revoked");
        assertFalse(emulator.tokensIssuedTo(carol.id()).get(carolsTokens.size() - 1).revoked(),
                "carol's own grant stays");
        session(browser).then().body("accounts", hasSize(1)).body("accounts[0].username", equalTo(alice.username()));
        session(carols).then().body("accounts", hasSize(1)).body("accounts[0].username", equalTo(carol.username()));
    }

    @Test
    void usersLinkingOneNewIdentityAtOnceGetItOnceAndTheOthersAreRefused() throws Exception {
        EmulatorUser contested = newUser("contested");
        List<LinkFlow> flows = new ArrayList<>();
        List<URI> callbacks = new ArrayList<>();
        for (int i = 0; i < CONTENDERS; i++) {
            LinkFlow flow = new LinkFlow(signedIn(newUser("contender")), settings, emulator);
            callbacks.add(flow.authorize(flow.toGitLab(flow.start(flow.request())), contested));
            flows.add(flow);
        }

        List<Future<Page>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CONTENDERS; i++) {
                LinkFlow flow = flows.get(i);
                URI callback = callbacks.get(i);
                answers.add(threads.submit(() -> flow.finish(callback)));
            }
        }
        int linked = 0;
        for (Future<Page> answer : answers) {
            Page page = answer.get();
            if (page.status() == 303) {
                linked++;
            } else {
                assertRefused(page, 409, "account_linked_elsewhere");
            }
        }
        assertEquals(1, linked, "exactly one user gets the identity");
        assertEquals(1, accountRows.countFor(emulator.baseUrl(), id(contested)));
        assertEquals(CONTENDERS, emulator.tokensIssuedTo(contested.id()).size());
        // Revocation goes through the outbox, after the refusal's commit.
        await().atMost(REVOCATION_WAIT).until(() -> emulator.tokensIssuedTo(contested.id()).stream()
                .filter(EmulatorToken::revoked).count() >= CONTENDERS - 1);
        assertEquals(CONTENDERS - 1, emulator.tokensIssuedTo(contested.id()).stream().filter(EmulatorToken::revoked)
                .count(), "every refused link's tokens are revoked, the linked one's are kept");
    }

    @Test
    void aBrowserLandsOnTheSpaWithTheLinkError() {
        Browser owner = signedIn(newUser("html"));
        String startUrl = new LinkFlow(owner, settings, emulator).request();

        given().baseUri(settings.baseUrl()).redirects().follow(false).accept("text/html")
                .when().get(startUrl)
                .then().statusCode(303)
                .header("Location", "/?linkError=link_session_mismatch");
        given().baseUri(settings.baseUrl()).redirects().follow(false).accept("text/html")
                .when().get("/links/start/not-an-id")
                .then().statusCode(303)
                .header("Location", "/?linkError=link_intent_not_found");
    }

    @Test
    void requestingALinkNeedsASessionTheCsrfHeaderAndAKnownInstance() {
        Browser browser = signedIn(newUser("request"));
        String session = browser.cookie(settings.baseUrl(), COOKIE).orElseThrow();

        given().baseUri(settings.baseUrl()).header("X-CSRF", "1").contentType(ContentType.JSON)
                .body("{\"instance\":\"" + LinkFlow.DEFAULT_INSTANCE + "\"}")
                .when().post("/api/links")
                .then().statusCode(401).body("code", equalTo("not_authenticated"));
        given().baseUri(settings.baseUrl()).cookie(COOKIE, session).contentType(ContentType.JSON)
                .body("{\"instance\":\"" + LinkFlow.DEFAULT_INSTANCE + "\"}")
                .when().post("/api/links")
                .then().statusCode(403).body("code", equalTo("csrf_header_missing"));
        given().baseUri(settings.baseUrl()).cookie(COOKIE, session).header("X-CSRF", "1").contentType(ContentType.JSON)
                .body("{\"instance\":\"elsewhere\"}")
                .when().post("/api/links")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("errors[0].field", equalTo("instance"))
                .body("errors[0].message", equalTo("unknown_instance"));
        given().baseUri(settings.baseUrl()).cookie(COOKIE, session).header("X-CSRF", "1").contentType(ContentType.JSON)
                .body("{\"instance\":\"" + LinkFlow.DEFAULT_INSTANCE + "\"}")
                .when().post("/api/links")
                .then().statusCode(200)
                .body("authorizeUrl", startsWith("/links/start/"));
    }

    /**
     * Login CSRF into a link: quarkus-oidc's session cookie has no {@code __Host-} prefix, so a sibling subdomain can
     * plant one of a code flow the attacker ran (for their own GitLab account). When the victim then links an account,
     * {@code /links/complete} finds that planted OIDC session and would link the attacker's GitLab account to the
     * victim's user, whom the attacker could then sign in as. Only a flow this browser started may link.
     */
    @Test
    void aPlantedOidcSessionLinksNothing() {
        EmulatorUser alice = newUser("planted-victim");
        EmulatorUser mallory = newUser("planter");
        Browser attacker = new Browser();
        SignInFlow attackersFlow = new SignInFlow(attacker, settings, emulator);
        URI attackersCallback = attackersFlow.authorizeAtGitLab(attackersFlow.startLogin("/").location(), mallory);
        assertEquals(302, attacker.get(attackersCallback.toString()).status());

        Browser victim = signedIn(alice);
        attacker.cookies(settings.baseUrl()).forEach((name, value) -> {
            if (name.startsWith("q_session")) {
                victim.setCookie(settings.baseUrl(), name, value);
            }
        });
        LinkFlow flow = new LinkFlow(victim, settings, emulator);
        Page start = flow.start(flow.request());
        assertEquals(303, start.status(), start.body());
        Page complete = victim.followAll(victim.get(start.location().toString()));

        assertTrue(accountRows.find(emulator.baseUrl(), id(mallory)).isEmpty(),
                "the attacker's GitLab account joined the victim's user: " + complete.status() + " "
                        + victim.history());
        session(victim).then().statusCode(200).body("accounts.username", containsInAnyOrder(alice.username()));
    }

    private void assertRefused(Page page, int status, String code) {
        assertEquals(status, page.status(), page.body());
        assertTrue(page.body().contains("\"code\":\"" + code + "\""), page.body());
    }

    private Browser signedIn(EmulatorUser user) {
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(user, "/");
        return browser;
    }

    private io.restassured.response.Response session(Browser browser) {
        return given().baseUri(settings.baseUrl())
                .cookie(COOKIE, browser.cookie(settings.baseUrl(), COOKIE).orElseThrow())
                .when().get("/api/session");
    }

    private AccountRows.Row row(EmulatorUser user) {
        return accountRows.find(emulator.baseUrl(), id(user)).orElseThrow();
    }

    /** Whether the last pair issued to {@code user} is revoked within the outbox's first attempt. */
    private boolean eventuallyRevoked(EmulatorUser user) {
        await().atMost(REVOCATION_WAIT).until(() -> last(user).revoked());
        return last(user).revoked();
    }

    private EmulatorToken last(EmulatorUser user) {
        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.id());
        return issued.get(issued.size() - 1);
    }

    private static String id(EmulatorUser user) {
        return String.valueOf(user.id());
    }

    private EmulatorUser newUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Test " + prefix, username + "@example.test");
    }
}
