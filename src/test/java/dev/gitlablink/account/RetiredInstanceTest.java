package dev.gitlablink.account;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A retired instance: nobody signs in there any more, its accounts show as {@code instance_removed}, and the grants
 * still stored for it are revoked at GitLab with its OAuth application, once.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.RETIRED_INSTANCE, value = "old"))
class RetiredInstanceTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows rows;

    @Inject
    RetiredInstanceGrants retiredGrants;

    @Test
    void theGrantsOfARetiredInstanceAreRevokedAndItsAccountsStayVisible() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "retired");
        List<EmulatorToken> live = emulator.tokensIssuedTo(user.gitLabUser().id()).stream()
                .filter(token -> !token.revoked()).toList();
        assertEquals(1, live.size(), "the sign-in's pair is live");
        String retiredUrl = LocalServicesResource.retiredInstanceUrl(emulator);
        rows.moveToInstance(user.accountId(), retiredUrl);
        long revocations = emulator.stats().revocations();

        assertEquals(1, retiredGrants.giveUpRetired(), "the one account holding a grant there");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertTrue(
                emulator.tokensIssuedTo(user.gitLabUser().id()).stream().allMatch(EmulatorToken::revoked),
                "GitLab revoked the pair"));
        assertTrue(emulator.stats().revocations() > revocations);
        assertTrue(rows.rawRow(user.accountId()).startsWith("null|null|null|"),
                "no token is kept for a retired instance: " + rows.rawRow(user.accountId()));
        user.api().when().get("/api/session").then().statusCode(200)
                .body("accounts[0].id", equalTo(user.accountId()))
                .body("accounts[0].status", equalTo("instance_removed"))
                .body("accounts[0].instanceUrl", equalTo(retiredUrl));

        long after = emulator.stats().revocations();
        assertEquals(0, retiredGrants.giveUpRetired(), "nothing is given up twice");
        assertEquals(after, emulator.stats().revocations());
    }

    @Test
    void nobodySignsInOrLinksAtARetiredInstance() {
        given().baseUri(settings.baseUrl()).when().get("/api/instances").then().statusCode(200)
                .body("id", not(hasItem("old")))
                .body("id", hasItem("gitlab"));
        given().baseUri(settings.baseUrl()).redirects().follow(false).accept("application/json")
                .when().get("/login?instance=old")
                .then().statusCode(400)
                .body("code", equalTo("unknown_instance"));
        SignedInUser user = SignedInUser.signIn(emulator, settings, "retired-link");
        user.api().header("X-CSRF", "1").contentType("application/json").body("{\"instance\":\"old\"}")
                .when().post("/api/links")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("instance"))
                .body("errors[0].message", equalTo("unknown_instance"));
    }
}
