package dev.gitlablink.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A self-managed GitLab under a path ({@code GITLAB_URL=https://example.com/gitlab}) works from GITLAB_URL alone. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.PATH_PREFIX, value = "/gitlab"))
class SelfManagedGitLabTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Test
    void signsInAgainstGitLabUnderAPath() {
        assertTrue(emulator.baseUrl().endsWith("/gitlab"), emulator.baseUrl());
        String username = "selfmanaged-" + UUID.randomUUID().toString().substring(0, 8);
        EmulatorUser user = emulator.createUser(username, "Self Managed", username + "@example.test");
        Browser browser = new Browser();
        SignInFlow flow = new SignInFlow(browser, settings, emulator);

        URI authorize = flow.startLogin("/").location();
        assertTrue(authorize.toString().startsWith(emulator.baseUrl() + "/oauth/authorize?"), authorize.toString());
        flow.signIn(user, "/");

        given().baseUri(settings.baseUrl())
                .cookie(SignInTest.COOKIE, browser.cookie(settings.baseUrl(), SignInTest.COOKIE).orElseThrow())
                .when().get("/api/session")
                .then().statusCode(200)
                .body("accounts[0].instanceUrl", equalTo(emulator.baseUrl()))
                .body("accounts[0].username", equalTo(username));
    }
}
