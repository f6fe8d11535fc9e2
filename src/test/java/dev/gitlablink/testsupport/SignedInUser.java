package dev.gitlablink.testsupport;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import io.restassured.specification.RequestSpecification;

/** A GitLab user signed in to the service through the real flow: its session and linked account. */
public record SignedInUser(EmulatorUser gitLabUser, String sessionCookie, String accountId, TestSettings settings) {

    public static final String COOKIE = "gitlab_link_session";

    /** Creates a GitLab user at the emulator and signs it in to the service. */
    public static SignedInUser signIn(GitLabEmulator emulator, TestSettings settings, String prefix) {
        return signIn(emulator, settings, prefix, null);
    }

    /** As {@link #signIn(GitLabEmulator, TestSettings, String)}, on the instance {@code instance} (null: the default). */
    public static SignedInUser signIn(GitLabEmulator emulator, TestSettings settings, String prefix, String instance) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        EmulatorUser user = emulator.createUser(username, "Test " + prefix, username + "@example.test");
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(user, "/", instance);
        String cookie = browser.cookie(settings.baseUrl(), COOKIE).orElseThrow();
        String accountId = given().baseUri(settings.baseUrl()).cookie(COOKIE, cookie)
                .when().get("/api/session")
                .then().statusCode(200)
                .extract().path("accounts[0].id");
        return new SignedInUser(user, cookie, accountId, settings);
    }

    /** A request as this user, to the service. */
    public RequestSpecification api() {
        return given().baseUri(settings.baseUrl()).cookie(COOKIE, sessionCookie);
    }

    /** The base path of this user's account endpoints. */
    public String account() {
        return "/api/accounts/" + accountId;
    }
}
