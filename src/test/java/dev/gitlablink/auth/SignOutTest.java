package dev.gitlablink.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.api.Problem;
import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.revocation.OutboxRows;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Ending sessions gives up the user's GitLab grants once no live session is left: sign-out, signing out
 * everywhere, expiry (the sweep), and deleting the user. What the service keeps and what GitLab still accepts.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SignOutTest {

    private static final String CSRF = "X-CSRF";

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accounts;

    @Inject
    OutboxRows outbox;

    @Inject
    SignOut signOut;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void emptyOutbox() {
        outbox.awaitNothingPending();
        outbox.clear();
        emulator.stats().reset();
    }

    @Test
    void signingOutOfTheLastSessionRevokesAndALaterSignInRestoresTheAccount() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "last-session");

        user.api().header(CSRF, "1").when().post("/api/logout").then().statusCode(204);
        outbox.awaitNothingPending();

        assertTrue(everyPairRevoked(user), "GitLab accepts none of the user's tokens");
        assertEquals("reauth_required", account(user).status(), "the account stays, to be reconnected");
        assertEquals(1, emulator.stats().revocations());

        SignedInUser again = signInAgain(user);
        again.api().when().get("/api/session").then().statusCode(200)
                .body("accounts.size()", equalTo(1))
                .body("accounts[0].id", equalTo(user.accountId()))
                .body("accounts[0].status", equalTo("active"));
        again.api().accept("application/json").when().get(again.account() + "/user").then().statusCode(200);
    }

    @Test
    void signingOutOfOneOfTwoSessionsRevokesNothing() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "two-sessions");
        SignedInUser second = signInAgain(user);
        outbox.awaitNothingPending();
        long revocationsBefore = emulator.stats().revocations();
        int entriesBefore = outbox.all().size();

        user.api().header(CSRF, "1").when().post("/api/logout").then().statusCode(204);

        assertEquals(entriesBefore, outbox.all().size(), "nothing enqueued");
        assertEquals(revocationsBefore, emulator.stats().revocations());
        assertEquals("active", account(user).status());
        second.api().accept("application/json").when().get(second.account() + "/user").then().statusCode(200);
        user.api().when().get("/api/session").then().statusCode(401);
    }

    @Test
    void endAllSignsOutEverySessionAndRevokes() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "end-all");
        SignedInUser second = signInAgain(user);

        second.api().header(CSRF, "1").when().post("/api/sessions/end-all").then().statusCode(204)
                .header("Set-Cookie", org.hamcrest.Matchers.containsString("Max-Age=0"));
        outbox.awaitNothingPending();

        user.api().when().get("/api/session").then().statusCode(401);
        second.api().when().get("/api/session").then().statusCode(401);
        assertEquals(0, sessionsOf(account(user).userId()));
        assertTrue(everyPairRevoked(user));
        assertEquals("reauth_required", account(user).status());
    }

    @Test
    void deletingMeRevokesEveryGrantAndDeletesTheUserTheirAccountsAndSessions() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "delete-me");
        UUID userId = account(user).userId();
        signInAgain(user);

        user.api().header(CSRF, "1").when().delete("/api/me").then().statusCode(204)
                .header("Set-Cookie", org.hamcrest.Matchers.containsString("Max-Age=0"));
        outbox.awaitNothingPending();

        assertEquals(0, accounts.countFor(emulator.baseUrl(), String.valueOf(user.gitLabUser().id())));
        assertEquals(0, sessionsOf(userId));
        assertEquals(0, count("select count(*) from app_user where id = ?", userId));
        assertTrue(everyPairRevoked(user));
        user.api().when().get("/api/session").then().statusCode(401);
    }

    @Test
    void withoutTheCsrfHeaderNeitherEndAllNorDeleteMeChangesAnything() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "csrf-end");

        user.api().when().post("/api/sessions/end-all").then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE).body("code", equalTo("csrf_header_missing"));
        user.api().when().delete("/api/me").then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE).body("code", equalTo("csrf_header_missing"));

        user.api().when().get("/api/session").then().statusCode(200);
        assertEquals("active", account(user).status());
        assertFalse(everyPairRevoked(user));
        assertTrue(outbox.all().isEmpty());
    }

    @Test
    void theSweepOfExpiredSessionsRevokesWhenNoLiveSessionIsLeft() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "expired");
        UUID userId = account(user).userId();
        execute("update app_session set idle_expires_at = now() - interval '1 minute' where user_id = ?", userId);

        signOut.sweepExpired();
        outbox.awaitNothingPending();

        assertEquals(0, sessionsOf(userId));
        assertTrue(everyPairRevoked(user));
        assertEquals("reauth_required", account(user).status());
    }

    private SignedInUser signInAgain(SignedInUser user) {
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(user.gitLabUser(), "/");
        String cookie = browser.cookie(settings.baseUrl(), SignedInUser.COOKIE).orElseThrow();
        return new SignedInUser(user.gitLabUser(), cookie, user.accountId(), settings);
    }

    private AccountRows.Row account(SignedInUser user) {
        return accounts.find(emulator.baseUrl(), String.valueOf(user.gitLabUser().id())).orElseThrow();
    }

    private boolean everyPairRevoked(SignedInUser user) {
        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.gitLabUser().id());
        issued.forEach(pair -> given().baseUri(emulator.baseUrl()).header("Authorization", "Bearer "
                + pair.accessToken()).when().get("/api/v4/user").then()
                .statusCode(pair.revoked() ? 401 : 200));
        return issued.stream().allMatch(EmulatorToken::revoked);
    }

    private long sessionsOf(UUID userId) {
        return count("select count(*) from app_session where user_id = ?", userId);
    }

    private long count(String sql, UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
