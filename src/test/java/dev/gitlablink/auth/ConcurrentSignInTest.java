package dev.gitlablink.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.local.LocalPostgres;
import dev.gitlablink.revocation.OutboxRows;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Many sign-ins of one GitLab identity at once, on a fresh database (so the first of them also makes the instance's
 * row), then again once it exists: every one succeeds and they leave one account. The sign-in rate limit is set far
 * above the burst, explicitly, so the test measures the sign-ins and not the limit.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, initArgs = {
        @ResourceArg(name = LocalServicesResource.DISPOSABLE, value = "fresh database"),
        @ResourceArg(name = LocalServicesResource.SIGN_IN_RATE_LIMIT, value = "1000000")})
class ConcurrentSignInTest {

    private static final int FIRST_SIGN_INS = 20;
    private static final int REPEAT_SIGN_INS = 200;

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accountRows;

    @LocalServices
    LocalPostgres postgres;

    @Inject
    OutboxRows outbox;

    @Test
    void concurrentSignInsOfOneIdentityAllSucceedAndLeaveOneAccount() throws Exception {
        EmulatorUser user = emulator.createUser("concurrent", "Concurrent Tester", "concurrent@example.test");
        assertEquals(0, count("gitlab_instance"), "a fresh database: the first sign-ins make the instance's row");

        assertAllSucceeded(signInAtOnce(user, FIRST_SIGN_INS));
        assertEquals(1, count("gitlab_instance"));
        assertEquals(1, count("app_user"), "one user, not one per racing sign-in");
        assertEquals(1, accountRows.countFor(emulator.baseUrl(), String.valueOf(user.id())));
        AccountRows.Row first = accountRows.find(emulator.baseUrl(), String.valueOf(user.id())).orElseThrow();

        assertAllSucceeded(signInAtOnce(user, REPEAT_SIGN_INS));
        assertEquals(1, count("app_user"));
        AccountRows.Row after = accountRows.find(emulator.baseUrl(), String.valueOf(user.id())).orElseThrow();
        assertEquals(first.id(), after.id());
        assertEquals(first.userId(), after.userId());
        assertEquals(FIRST_SIGN_INS + REPEAT_SIGN_INS, count("app_session"), "a session for every sign-in");

        // Sign-ins that queued for the identity's turn were recorded together: each still gave up the pair before it.
        outbox.awaitNothingPending();
        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.id());
        assertEquals(FIRST_SIGN_INS + REPEAT_SIGN_INS, issued.size());
        assertEquals(1, issued.stream().filter(token -> !token.revoked()).count(),
                "only the pair the account holds lives; every pair a sign-in replaced is revoked");
        assertEquals(issued.size() - 1, outbox.count("done"));
        assertEquals(issued.size() - 1, emulator.stats().revocations(), "each pair revoked once");
    }

    /** Every hop of every sign-in, started together, each in its own browser. */
    private List<List<Page>> signInAtOnce(EmulatorUser user, int sign_ins) throws Exception {
        CountDownLatch ready = new CountDownLatch(sign_ins);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Page>>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < sign_ins; i++) {
                results.add(threads.submit(() -> {
                    Browser browser = new Browser();
                    ready.countDown();
                    go.await();
                    try {
                        new SignInFlow(browser, settings, emulator).signIn(user, "/");
                    } catch (AssertionError failed) {
                        // The hops below show what went wrong.
                    }
                    return browser.history();
                }));
            }
            ready.await();
            go.countDown();
        }
        List<List<Page>> histories = new ArrayList<>();
        for (Future<List<Page>> result : results) {
            histories.add(result.get());
        }
        return histories;
    }

    private void assertAllSucceeded(List<List<Page>> histories) {
        URI landing = URI.create(settings.baseUrl() + "/");
        for (List<Page> hops : histories) {
            for (Page hop : hops) {
                assertTrue(hop.status() < 500, hop.status() + " from " + hop.uri() + ": " + hop.body());
            }
            Page last = hops.get(hops.size() - 1);
            assertEquals(303, last.status(), last.uri() + ": " + last.body());
            assertEquals(landing, last.location(), "every sign-in lands where it asked to");
        }
    }

    private long count(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, "unused");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
