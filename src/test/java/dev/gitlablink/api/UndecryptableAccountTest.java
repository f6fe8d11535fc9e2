package dev.gitlablink.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.revocation.OutboxRows;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import dev.gitlablink.token.AccountTokenRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An account whose tokens cannot be decrypted (its key removed): reauth_required, never a 500, and unlinkable. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UndecryptableAccountTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accounts;

    @Inject
    AccountTokenRows tokenRows;

    @Inject
    OutboxRows outbox;

    @Test
    void readsAnswerReauthRequiredAndUnlinkDeletesTheRowWithoutARevocation() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "undecryptable");
        outbox.awaitNothingPending();
        int entriesBefore = outbox.all().size();
        long revocationsBefore = emulator.stats().revocations();
        tokenRows.makeUndecryptable(user.accountId());

        user.api().accept("application/json").when().get(user.account() + "/user").then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("gitlab_reauth_required"));
        user.api().accept("application/json").when().get(user.account() + "/projects").then().statusCode(401)
                .body("code", equalTo("gitlab_reauth_required"));
        user.api().when().get("/api/session").then().statusCode(200)
                .body("accounts[0].status", equalTo("reauth_required"));

        user.api().header("X-CSRF", "1").when().delete(user.account()).then().statusCode(204);

        assertEquals(0, accounts.countFor(emulator.baseUrl(), String.valueOf(user.gitLabUser().id())));
        assertEquals(entriesBefore, outbox.all().size(), "nothing to revoke with");
        assertEquals(revocationsBefore, emulator.stats().revocations());
        assertTrue(emulator.tokensIssuedTo(user.gitLabUser().id()).stream().noneMatch(t -> t.revoked()),
                "the grant stays at GitLab: the service cannot read it");
    }
}
