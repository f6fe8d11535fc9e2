package dev.gitlablink.token;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A linked account's tokens seen from outside, over HTTP, GitLab and the database only: refreshed before they
 * expire and after GitLab refuses them, stored re-encrypted, and revoked at GitLab when the account is unlinked.
 * Black-box on purpose, so that {@link TokenLifecycleIT} runs the same checks against the packaged artifact.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
public class TokenLifecycleTest {

    static final String REFRESH = "refresh_token";

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows rows;

    @AfterEach
    void resetKnobs() {
        emulator.knobs().reset();
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeUse() {
        // Shorter than the refresh skew: the token the sign-in stores is already due for a refresh.
        emulator.knobs().accessTokenLifetime(Duration.ofSeconds(30));
        SignedInUser user = SignedInUser.signIn(emulator, settings, "lifecycle-skew");
        String storedAtSignIn = rows.rawRow(user.accountId());
        emulator.stats().reset();

        user.api().when().get(user.account() + "/user").then().statusCode(200)
                .body("username", equalTo(user.gitLabUser().username()));

        assertEquals(1, emulator.stats().tokenRequests(REFRESH));
        assertNotEquals(storedAtSignIn, rows.rawRow(user.accountId()), "the rotated tokens are stored");
        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.gitLabUser().id());
        assertEquals(2, issued.size());
        assertTrue(issued.get(0).revoked(), "GitLab ended the first pair once the new token was used");
        assertFalse(issued.get(1).revoked());
    }

    @Test
    void aTokenGitLabRefusesIsRefreshedAndTheCallRepeated() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "lifecycle-401");
        emulator.knobs().expireAccessTokens(user.gitLabUser().id());
        emulator.stats().reset();

        user.api().when().get(user.account() + "/user").then().statusCode(200)
                .body("username", equalTo(user.gitLabUser().username()));
        user.api().when().get(user.account() + "/user").then().statusCode(200);

        assertEquals(1, emulator.stats().tokenRequests(REFRESH), "one refresh, then the new token is used");
    }

    @Test
    void unlinkingRevokesTheGrantAtGitLabAndDeletesTheRow() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "lifecycle-unlink");
        emulator.stats().reset();

        user.api().header("X-CSRF", "1").when().delete(user.account()).then().statusCode(204);

        assertEquals(1, emulator.stats().revocations());
        assertTrue(emulator.tokensIssuedTo(user.gitLabUser().id()).stream().allMatch(EmulatorToken::revoked),
                "GitLab accepts none of the account's tokens");
        assertEquals(0, rows.countFor(emulator.baseUrl(), String.valueOf(user.gitLabUser().id())));
        user.api().when().get("/api/session").then().statusCode(200)
                .body("accounts.id", not(hasItem(user.accountId())));
        user.api().when().get(user.account() + "/user").then().statusCode(404)
                .body("code", equalTo("account_not_found"));
    }
}
