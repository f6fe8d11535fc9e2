package dev.gitlablink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.RawHttp;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The second layer for state-changing requests: with the anti-CSRF header present, a browser that says the request
 * comes from another origin (Fetch Metadata or Origin) is refused with 403 {@code cross_origin_refused}, and
 * nothing changes. Without PUBLIC_BASE_URL the service's own origin is what the request arrived at.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FetchMetadataTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    /** Hostile header sets, each sent with {@code X-CSRF: 1} and a valid session. */
    static Stream<List<String>> hostileHeaders() {
        return Stream.of(
                List.of("Sec-Fetch-Site: cross-site"),
                List.of("Sec-Fetch-Site: same-site"),
                List.of("Sec-Fetch-Site: same-site", "Origin: http://sibling.127.0.0.1.nip.io"),
                List.of("Sec-Fetch-Site: cross-site", "Origin: https://evil.example.test"),
                List.of("Origin: null"),
                List.of("Origin: null", "Sec-Fetch-Site: same-origin"),
                List.of("Origin: https://evil.example.test"),
                List.of("Origin: https://evil.example.test", "Sec-Fetch-Site: same-origin"),
                List.of("Origin: {own-https}"),
                List.of("Origin: {own-other-port}"),
                List.of("Origin: http://localhost:{port}"),
                List.of("Origin: {own}.evil.example.test"),
                List.of("Origin: {own}/"),
                List.of("Origin: {own}", "Origin: https://evil.example.test"),
                List.of("Origin: {own}", "Sec-Fetch-Site: cross-site"),
                List.of("Origin: https://" + "a".repeat(6000) + ".test"),
                List.of("Sec-Fetch-Site: Same-Origin"),
                List.of("Sec-Fetch-Site: same-origin", "Sec-Fetch-Site: cross-site"),
                List.of("Sec-Fetch-Site: same-origin, cross-site"),
                List.of("Sec-Fetch-Site: " + "x".repeat(6000)),
                List.of("Sec-Fetch-Site: %0d%0aX-CSRF: 1"));
    }

    @ParameterizedTest
    @MethodSource("hostileHeaders")
    void logoutFromAnotherOriginIsRefusedAndTheSessionLives(List<String> headers) {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "fetch-meta");
        RawHttp.Answer answer = RawHttp.to(settings).send("POST", "/api/logout", with(user, headers));

        assertRefused(answer);
        user.api().when().get("/api/session").then().statusCode(200);
    }

    @ParameterizedTest
    @MethodSource("hostileHeaders")
    void unlinkFromAnotherOriginIsRefusedAndTheAccountStays(List<String> headers) {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "fetch-meta-unlink");
        long revocations = emulator.stats().revocations();
        RawHttp.Answer answer = RawHttp.to(settings).send("DELETE", user.account(), with(user, headers));

        assertRefused(answer);
        assertEquals(revocations, emulator.stats().revocations(), "nothing revoked at GitLab");
        user.api().when().get("/api/session").then().statusCode(200)
                .body("accounts.id", org.hamcrest.Matchers.hasItem(user.accountId()));
    }

    @Test
    void ownPagesAndNonBrowserClientsAreServed() {
        for (List<String> headers : List.of(List.<String>of(), List.of("Sec-Fetch-Site: same-origin"),
                List.of("Sec-Fetch-Site: none"), List.of("Origin: {own}"),
                List.of("Origin: {own}", "Sec-Fetch-Site: same-origin"), List.of("Origin: {own-upper}"))) {
            SignedInUser user = SignedInUser.signIn(emulator, settings, "fetch-meta-own");
            RawHttp.Answer answer = RawHttp.to(settings).send("POST", "/api/logout", with(user, headers));
            assertEquals(204, answer.status(), headers + " -> " + answer);
            user.api().when().get("/api/session").then().statusCode(401);
        }
    }

    @Test
    void readsAreNotSubjectToIt() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "fetch-meta-read");
        RawHttp.Answer answer = RawHttp.to(settings).send("GET", "/api/session",
                with(user, List.of("Sec-Fetch-Site: cross-site", "Origin: https://evil.example.test")));
        assertEquals(200, answer.status(), answer.toString());
        assertTrue(answer.header("access-control-allow-origin") == null, "and CORS does not share the answer");
    }

    private static void assertRefused(RawHttp.Answer answer) {
        assertEquals(403, answer.status(), answer.toString());
        assertEquals("application/problem+json", answer.header("content-type"));
        assertTrue(answer.body().contains("\"code\":\"cross_origin_refused\""), answer.body());
        assertFalse(answer.headers("set-cookie").stream().anyMatch(c -> c.contains("Max-Age=0")), "no cookie cleared");
    }

    private List<String> with(SignedInUser user, List<String> headers) {
        String own = settings.baseUrl();
        List<String> all = new ArrayList<>(List.of("Cookie: " + SignedInUser.COOKIE + "=" + user.sessionCookie(),
                "X-CSRF: 1"));
        headers.forEach(header -> all.add(header
                .replace("{own-https}", own.replace("http://", "https://"))
                .replace("{own-other-port}", "http://127.0.0.1:" + (settings.httpPort() + 1))
                .replace("{own-upper}", own.toUpperCase(java.util.Locale.ROOT))
                .replace("{own}", own)
                .replace("{port}", String.valueOf(settings.httpPort()))));
        return all;
    }
}
