package dev.gitlablink.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.AccountRows;
import dev.gitlablink.testsupport.Browser;
import dev.gitlablink.testsupport.LinkFlow;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.Page;
import dev.gitlablink.testsupport.SignInFlow;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A session cookie smuggled inside another cookie's value. A sibling subdomain can set a cookie of any other name
 * for the parent domain, and browsers send a comma in a value as it is; so it can make the victim's browser send
 * {@code Cookie: other=x,<session cookie>=<attacker's id>}, which the {@code __Host-} prefix does not stop. The
 * sign-in must read the session cookie as the authentication layer does (no such cookie there), so the victim's
 * GitLab identity is never linked to the attacker's app user.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CookieSmugglingTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    AccountRows accountRows;

    @ParameterizedTest
    @ValueSource(strings = {"x,{name}={id}", "x, {name}={id}", "\"x,{name}={id}\""})
    void aSmuggledSessionCookieLinksNothingToItsUser(String smuggled) {
        SignedInUser attacker = SignedInUser.signIn(emulator, settings, "smuggler");
        String username = "smuggled-" + UUID.randomUUID().toString().substring(0, 8);
        EmulatorUser victim = emulator.createUser(username, "Victim", username + "@example.test");
        Browser browser = new Browser();
        browser.setCookie(settings.baseUrl(), "planted", smuggled.replace("{name}", SignedInUser.COOKIE)
                .replace("{id}", attacker.sessionCookie()));

        new SignInFlow(browser, settings, emulator).signIn(victim, "/");

        UUID attackerUser = accountRows.find(emulator.baseUrl(), String.valueOf(attacker.gitLabUser().id()))
                .orElseThrow().userId();
        UUID victimUser = accountRows.find(emulator.baseUrl(), String.valueOf(victim.id())).orElseThrow().userId();
        assertNotEquals(attackerUser, victimUser, "the victim's GitLab account was linked to the attacker's user");
        // Nor did the sign-in end the attacker's session: it never saw that cookie.
        attacker.api().when().get("/api/session").then().statusCode(200);
    }

    /**
     * The link routes read the session cookie the same way: the attacker's own link request, opened in the victim's
     * browser with the attacker's session smuggled in, must not start a code flow that would link the victim's GitLab
     * account (signed in at GitLab in that browser) to the attacker.
     */
    @ParameterizedTest
    @ValueSource(strings = {"x,{name}={id}", "x, {name}={id}", "\"x,{name}={id}\""})
    void aSmuggledSessionCookieStartsNoLink(String smuggled) {
        SignedInUser attacker = SignedInUser.signIn(emulator, settings, "link-smuggler");
        String startUrl = attacker.api().header("X-CSRF", "1").contentType("application/json")
                .body("{\"instance\":\"" + LinkFlow.DEFAULT_INSTANCE + "\"}")
                .when().post("/api/links").then().statusCode(200).extract().path("authorizeUrl");
        Browser victimsBrowser = new Browser();
        victimsBrowser.setCookie(settings.baseUrl(), "planted", smuggled.replace("{name}", SignedInUser.COOKIE)
                .replace("{id}", attacker.sessionCookie()));

        Page start = victimsBrowser.get(settings.baseUrl() + startUrl);

        assertEquals(403, start.status(), "the attacker's link request must not start in the victim's browser (303 to "
                + "/links/complete would): " + start.body());
        assertTrue(start.body().contains("link_session_mismatch"), start.body());
    }
}
