package dev.gitlablink.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Security headers on every kind of answer, CSRF refusal of cross-site forms, CORS and proxy headers off. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SecurityHeadersTest {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    static final String OTHER_SITE = "https://evil.example.test";

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    SignedInUser user;

    @BeforeEach
    void signIn() {
        user = SignedInUser.signIn(emulator, settings, "headers");
    }

    @Test
    void spaFilesCarryTheBrowserHeaders() {
        for (String path : new String[] {"/", "/index.html", "/app.js", "/app.css"}) {
            assertBrowserHeaders(given().baseUri(settings.baseUrl()).when().get(path).then().statusCode(200));
        }
    }

    @Test
    void unauthenticatedProblemWrittenBeforeJaxRsCarriesTheHeaders() {
        ValidatableResponse answer = given().baseUri(settings.baseUrl()).when().get("/api/session").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("not_authenticated"));
        assertApiHeaders(answer);
    }

    @Test
    void csrfProblemWrittenBeforeJaxRsCarriesTheHeaders() {
        ValidatableResponse answer = user.api().when().post("/api/logout").then()
                .statusCode(403)
                .body("code", equalTo("csrf_header_missing"));
        assertApiHeaders(answer);
    }

    @Test
    void jaxRsAnswersCarryTheHeaders() {
        assertApiHeaders(user.api().when().get("/api/session").then().statusCode(200));
        assertApiHeaders(user.api().when().get(user.account() + "/projects").then().statusCode(200));
        assertApiHeaders(user.api().when().get("/api/nothing-here").then().statusCode(404));
    }

    @Test
    void crossSiteFormPostToLogoutIsRefusedAndTheSessionSurvives() {
        user.api()
                .header("Origin", OTHER_SITE)
                .header("Referer", OTHER_SITE + "/attack.html")
                .contentType("application/x-www-form-urlencoded")
                .formParam("anything", "1")
                .when().post("/api/logout")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("csrf_header_missing"))
                .header("Access-Control-Allow-Origin", nullValue());
        user.api().when().get("/api/session").then().statusCode(200)
                .body("user.id", not(nullValue()));
    }

    @Test
    void corsIsOffByDefault() {
        user.api().header("Origin", OTHER_SITE).when().get("/api/session").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
        given().baseUri(settings.baseUrl())
                .header("Origin", OTHER_SITE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "X-CSRF")
                .when().options("/api/logout")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void forwardedProtoIsIgnoredUnlessProxyHeadersAreTrusted() {
        user.api().header("X-Forwarded-Proto", "https").header("Forwarded", "proto=https")
                .header("X-CSRF", "1")
                .when().post("/api/logout")
                .then().statusCode(204)
                .header("Set-Cookie", containsString(SignedInUser.COOKIE + "="))
                .header("Set-Cookie", not(containsString("Secure")));
    }

    static void assertBrowserHeaders(ValidatableResponse answer) {
        answer.header("Content-Security-Policy", equalTo(CSP))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                // Over plain http, without an https PUBLIC_BASE_URL, HSTS would be ignored; it is not sent.
                .header("Strict-Transport-Security", nullValue());
    }

    static void assertApiHeaders(ValidatableResponse answer) {
        assertBrowserHeaders(answer);
        answer.header("Cache-Control", equalTo("no-store"));
        answer.extract().headers().getValues("Cache-Control").forEach(value ->
                org.hamcrest.MatcherAssert.assertThat(java.util.List.of(value), everyItem(equalTo("no-store"))));
    }
}
