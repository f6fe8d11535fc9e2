package dev.gitlablink.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The SPA-facing session API: the 401 problem shape, logout and its anti-CSRF header. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
public class SessionApiTest {

    static final String COOKIE = "gitlab_link_session";
    static final String ACCOUNT_ID = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @ParameterizedTest
    @ValueSource(strings = {"/api/session", "/api/accounts/" + ACCOUNT_ID + "/projects"})
    void apiRoutesWithoutSessionAreA401Problem(String path) {
        assertNotAuthenticated(given().baseUri(settings.baseUrl())
                .header("Accept", "application/json")
                .when().get(path)
                .then(), path);
    }

    /** Authentication is decided by the resource the router picks; a path that picks none is not found. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/accounts", "/api/does-not-exist", "/api"})
    void pathsWithoutARouteAreA404ProblemWithOrWithoutSession(String path) {
        given().baseUri(settings.baseUrl()).header("Accept", "application/json")
                .when().get(path)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .header("Cache-Control", "no-store")
                .body("code", equalTo("not_found"));
    }

    @Test
    void browserNavigationToTheApiIsAlsoA401NotARedirect() {
        given().baseUri(settings.baseUrl()).redirects().follow(false)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .when().get("/api/session")
                .then().statusCode(401)
                .header("Location", org.hamcrest.Matchers.nullValue())
                .contentType("application/problem+json");
    }

    @Test
    void unknownOrMalformedSessionCookieIsA401() {
        assertNotAuthenticated(given().baseUri(settings.baseUrl())
                .cookie(COOKIE, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .when().get("/api/session").then(), "/api/session");
        assertNotAuthenticated(given().baseUri(settings.baseUrl())
                .cookie(COOKIE, "'; drop table app_session; --")
                .when().get("/api/session").then(), "/api/session");
    }

    @Test
    void logoutWithoutCsrfHeaderIsRefusedAndKeepsTheSession() {
        String session = signIn();

        given().baseUri(settings.baseUrl()).cookie(COOKIE, session)
                .when().post("/api/logout")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("csrf_header_missing"))
                .body("status", equalTo(403));
        given().baseUri(settings.baseUrl()).cookie(COOKIE, session)
                .header("X-CSRF", "0")
                .when().post("/api/logout")
                .then().statusCode(403);

        given().baseUri(settings.baseUrl()).cookie(COOKIE, session)
                .when().get("/api/session")
                .then().statusCode(200);
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        String session = signIn();

        String setCookie = given().baseUri(settings.baseUrl()).cookie(COOKIE, session)
                .header("X-CSRF", "1")
                .when().post("/api/logout")
                .then().statusCode(204)
                .extract().header("Set-Cookie");
        assertTrue(setCookie.startsWith(COOKIE + "=;") && setCookie.contains("Max-Age=0"), setCookie);

        assertNotAuthenticated(given().baseUri(settings.baseUrl()).cookie(COOKIE, session)
                .when().get("/api/session").then(), "/api/session");
    }

    private void assertNotAuthenticated(ValidatableResponse response, String path) {
        response.statusCode(401)
                .contentType("application/problem+json")
                .header("Location", org.hamcrest.Matchers.nullValue())
                .body("status", equalTo(401))
                .body("code", equalTo("not_authenticated"))
                .body("title", equalTo("Not signed in"))
                .body("type", startsWith("https://"))
                .body("detail", equalTo("Sign in with GitLab to continue."))
                .body("instance", equalTo(path))
                .body("loginUrl", equalTo("/login"));
    }

    private String signIn() {
        String username = "sam-" + UUID.randomUUID().toString().substring(0, 8);
        EmulatorUser user = emulator.createUser(username, "Sam Tester", username + "@example.test");
        Browser browser = new Browser();
        new SignInFlow(browser, settings, emulator).signIn(user, "/");
        return browser.cookie(settings.baseUrl(), COOKIE).orElseThrow();
    }
}
