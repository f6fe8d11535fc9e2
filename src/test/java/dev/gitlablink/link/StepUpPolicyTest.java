package dev.gitlablink.link;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorData;
import dev.gitlablink.emulator.EmulatorGroup;
import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.policy.PolicyFixtures;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.ReadUserOnly;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestPolicy;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * A step-up passes the instance's access policy as a link does: a user removed from the allowed group between the
 * offer and GitLab's answer gets no wider grant, the account becomes {@code forbidden}, and the new pair is revoked.
 */
@QuarkusTest
@TestProfile(ReadUserOnly.class)
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.ACCESS_POLICY, value = "on"))
class StepUpPolicyTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accountRows;

    @Test
    void aUserTheAccessPolicyNoLongerAllowsGetsNoWiderGrant() {
        String username = "stepup-policy-" + UUID.randomUUID().toString().substring(0, 8);
        PolicyFixtures.groups(emulator);
        EmulatorUser user = emulator.createUser(username, "Step-up Policy", username + "@example.test");
        EmulatorGroup group = emulator.data().group(TestPolicy.ALLOWED_GROUP).orElseThrow();
        emulator.data().addGroupMember(group.id(), user.id(), EmulatorData.DEVELOPER);
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(user, "/");
        String account = session(browser).extract().path("accounts[0].id");
        String stepUpUrl = projects(browser, account).statusCode(403).extract().path("stepUpUrl");
        URI authorize = toGitLab(browser, stepUpUrl);

        emulator.data().removeGroupMember(group.id(), user.id());
        Page callback = browser.get(new SignInFlow(browser, settings, emulator).authorizeAtGitLab(authorize, user)
                .toString());
        assertEquals(302, callback.status(), callback.body());
        Page refused = browser.get(callback.location().toString());

        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("\"code\":\"access_denied_by_policy\""), refused.body());
        assertEquals("forbidden", accountRows.find(emulator.baseUrl(), String.valueOf(user.id())).orElseThrow()
                .status());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertTrue(
                emulator.tokensIssuedTo(user.id()).stream().allMatch(EmulatorToken::revoked),
                "the step-up's new pair and the stored one are revoked"));
        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.id());
        assertFalse(issued.getLast().scopes().contains("read_api") && !issued.getLast().revoked(),
                "no wider grant is alive");
    }

    private URI toGitLab(Browser browser, String stepUpUrl) {
        Page start = browser.get(settings.baseUrl() + stepUpUrl + "?returnTo="
                + URLEncoder.encode("/", StandardCharsets.UTF_8));
        assertEquals(303, start.status(), start.body());
        Page complete = browser.get(start.location().toString());
        assertEquals(302, complete.status(), complete.body());
        assertTrue(complete.location().toString().startsWith(emulator.baseUrl() + "/oauth/authorize?"));
        return complete.location();
    }

    private ValidatableResponse projects(Browser browser, String account) {
        return given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE,
                        browser.cookie(settings.baseUrl(), SignedInUser.COOKIE).orElseThrow())
                .when().get("/api/accounts/" + account + "/projects").then();
    }

    private ValidatableResponse session(Browser browser) {
        return given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE,
                        browser.cookie(settings.baseUrl(), SignedInUser.COOKIE).orElseThrow())
                .when().get("/api/session").then().statusCode(200);
    }
}
