package dev.gitlablink.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
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
 * A browser carrying someone else's session cookie (planted by a sibling site, or left in a shared browser) signs in:
 * it gets its own user and session, the planted session ends, and the other user's accounts stay as they were.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PlantedCookieTest {

    private static final String COOKIE = SignedInUser.COOKIE;

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accountRows;

    @Test
    void signingInWithAPlantedSessionNeverLinksToItsUser() {
        EmulatorUser victim = newUser("victim");
        EmulatorUser attacker = newUser("attacker");
        String plantedSession = signIn(new Browser(), victim);
        String victimsOtherSession = signIn(new Browser(), victim);
        AccountRows.Row victimsAccount = accountRows.find(emulator.baseUrl(), id(victim)).orElseThrow();

        Browser browser = new Browser();
        browser.setCookie(settings.baseUrl(), COOKIE, plantedSession);
        String newSession = signIn(browser, attacker);

        assertNotEquals(plantedSession, newSession, "a fresh session, not the planted one");
        AccountRows.Row attackersAccount = accountRows.find(emulator.baseUrl(), id(attacker)).orElseThrow();
        assertNotEquals(victimsAccount.userId(), attackersAccount.userId(), "the attacker gets a user of their own");
        session(newSession).then().statusCode(200)
                .body("user.id", equalTo(attackersAccount.userId().toString()))
                .body("accounts", hasSize(1))
                .body("accounts[0].username", equalTo(attacker.username()));
        session(plantedSession).then().statusCode(401).body("code", equalTo("not_authenticated"));
        session(victimsOtherSession).then().statusCode(200)
                .body("user.id", equalTo(victimsAccount.userId().toString()))
                .body("accounts", hasSize(1))
                .body("accounts[0].username", equalTo(victim.username()));
        assertEquals(victimsAccount, accountRows.find(emulator.baseUrl(), id(victim)).orElseThrow());
    }

    private String signIn(Browser browser, EmulatorUser user) {
        new SignInFlow(browser, settings, emulator).signIn(user, "/");
        return browser.cookie(settings.baseUrl(), COOKIE).orElseThrow();
    }

    private io.restassured.response.Response session(String cookie) {
        return given().baseUri(settings.baseUrl()).cookie(COOKIE, cookie).when().get("/api/session");
    }

    private static String id(EmulatorUser user) {
        return String.valueOf(user.id());
    }

    private EmulatorUser newUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Test " + prefix, username + "@example.test");
    }
}
