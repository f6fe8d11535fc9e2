package dev.gitlablink.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.revocation.OutboxRows;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSecrets;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A forged session cookie costs no database read; a signed session id the database does not know (ended, expired)
 * is read once and then answered from memory, concurrently or not; the memory it takes is bounded; an ended
 * session stays ended. Database reads are counted with Hibernate's statistics (prepared statements).
 */
@QuarkusTest
@TestProfile(UnknownSessionCacheTest.CountedReads.class)
@WithTestResource(LocalServicesResource.class)
class UnknownSessionCacheTest {

    static final int REMEMBERED = 50;

    /** Hibernate statistics on, and a small bound on remembered unknown ids. */
    public static class CountedReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Scheduled jobs (sweeps, the device-link poller, the active-sessions count) off: they query too.
            return Map.of("quarkus.hibernate-orm.statistics", "true",
                    "gitlab-link.session.unknown-cache-size", String.valueOf(REMEMBERED),
                    "quarkus.scheduler.enabled", "false");
        }
    }

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    OutboxRows outbox;

    @Inject
    SessionFactory database;

    @Inject
    SessionService sessions;

    @Inject
    SessionIdSigner signer;

    @Test
    void forgedCookiesCostNoDatabaseRead() {
        List<String> forged = List.of(
                // well formed, but never signed by us: what a flood of random cookies looks like
                TestSecrets.randomSecret(32),
                TestSecrets.randomSecret(32) + "." + TestSecrets.randomSecret(16),
                // a real id's tag moved to another id
                SessionIds.newId() + signer.cookieValue(SessionIds.newId()).substring(SessionIds.LENGTH));
        long before = statements();
        long rememberedBefore = sessions.unknownSessionsRemembered();
        for (int i = 0; i < 100; i++) {
            unauthenticated(TestSecrets.randomSecret(32) + "." + TestSecrets.randomSecret(16));
        }
        forged.forEach(this::unauthenticated);
        assertEquals(0, statements() - before, "database reads for 103 distinct forged cookies");
        assertEquals(rememberedBefore, sessions.unknownSessionsRemembered(), "forged cookies take no memory");
    }

    @Test
    void theSameUnknownCookieIsReadFromTheDatabaseOnce() {
        String cookie = unknownSignedCookie();
        long before = statements();
        for (int i = 0; i < 20; i++) {
            unauthenticated(cookie);
        }
        assertEquals(1, statements() - before, "database reads for 20 requests with one unknown cookie");
    }

    @Test
    void concurrentRequestsWithTheSameUnknownCookieShareOneRead() throws Exception {
        String cookie = unknownSignedCookie();
        long before = statements();
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                calls.add(() -> given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE, cookie)
                        .when().get("/api/session").statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(401, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        unauthenticated(cookie);
        assertEquals(1, statements() - before, "database reads for 31 requests with one unknown cookie");
    }

    @Test
    void unknownSessionsTakeBoundedMemory() {
        for (int i = 0; i < REMEMBERED * 3; i++) {
            unauthenticated(unknownSignedCookie());
        }
        long remembered = sessions.unknownSessionsRemembered();
        assertTrue(remembered > 0 && remembered <= REMEMBERED, remembered + " unknown ids remembered");
    }

    @Test
    void anEndedSessionStaysEnded() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "ended");
        user.api().header("X-CSRF", "1").when().post("/api/logout").then().statusCode(204);
        // The sign-out gave the user's grant up: the outbox's statements come before the count.
        outbox.awaitNothingPending();
        unauthenticated(user.sessionCookie());
        long before = statements();
        for (int i = 0; i < 5; i++) {
            unauthenticated(user.sessionCookie());
        }
        assertEquals(0, statements() - before, "an ended session, once known unknown, is answered from memory");

        SignedInUser again = SignedInUser.signIn(emulator, settings, "fresh");
        again.api().when().get("/api/session").then().statusCode(200);
    }

    /** A validly signed cookie for a session id that was never stored, as an ended session's cookie looks. */
    private String unknownSignedCookie() {
        return signer.cookieValue(SessionIds.newId());
    }

    private void unauthenticated(String cookie) {
        given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE, cookie)
                .when().get("/api/session").then().statusCode(401);
    }

    private long statements() {
        return database.getStatistics().getPrepareStatementCount();
    }
}
