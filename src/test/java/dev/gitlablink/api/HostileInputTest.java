package dev.gitlablink.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.BurstLimits;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Hostile input on the account data API: malformed query parameters (numbers out of range or in other notations,
 * control characters, injection attempts, oversized values), account ids, project ids, keyset cursors and session
 * cookies. Whatever comes in: no 5xx, a clear 4xx problem, nothing sent to GitLab for input that is refused,
 * nothing changed (the account stays linked, nothing revoked), and no token in any answer. One signed-in user for
 * the whole class, so the limits are set out of its way ({@link BurstLimits}).
 */
@QuarkusTest
@TestProfile(BurstLimits.class)
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HostileInputTest {

    /** Placeholders in the tables: 256 characters (one over the limit), and 6,000 (over the URL's). */
    static final String LONG_TEXT = "a".repeat(256);
    static final String HUGE_TEXT = "a".repeat(6000);

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    static SignedInUser user;
    static SignedInUser other;

    @BeforeEach
    void signInOnce() {
        if (user == null || !emulatorIsTheSame()) {
            user = SignedInUser.signIn(emulator, settings, "hostile");
            other = SignedInUser.signIn(emulator, settings, "bystander");
        }
    }

    @ParameterizedTest(name = "{0}?{1}")
    @CsvSource(delimiter = '|', value = {
        "projects | page=1.5", "projects | page=1e3", "projects | page=0x10", "projects | page=%2B1",
        "projects | page=9999999", "projects | page=99999999999999999999", "projects | page=%EF%BC%91",
        "projects | page=1%00", "projects | page=%20", "projects | page=1%20", "projects | page=-0",
        "projects | perPage=-5", "projects | perPage=1000000", "projects | perPage=NaN", "projects | perPage=20abc",
        "projects | perPage=%E2%80%8B20", "projects | perPage=2147483648", "projects | perPage=0100",
        "projects | orderBy=id%3Bdrop", "projects | orderBy=ID", "projects | orderBy=name%20desc",
        "projects | orderBy=..%2F", "projects | orderBy=%27%20OR%201%3D1", "projects | sort=ASC",
        "projects | sort=asc%3B", "projects | sort=%00",
        "projects | search=%00", "projects | search=a%07b", "projects | search=%0D%0AX-Injected:%201",
        "projects | search=%1B%5B31m", "projects | search=a%09b", "projects | search=LONG",
        "projects | search=a%7Fb", "projects | search=%C2%85",
        "projects | archived=yes", "projects | archived=TRUE", "projects | membership=%00",
        "projects | minAccessLevel=0", "projects | minAccessLevel=60", "projects | minAccessLevel=-10",
        "projects | minAccessLevel=30.0", "projects | pagination=KEYSET", "projects | pagination=keyset%00",
        "projects | cursor=" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "projects | cursor=..%2F..%2Fetc", "projects | cursor=%00", "projects | cursor=AAAAAAAAAAA",
        "projects | cursor=cDE6LTE", "projects | cursor=cDE6OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ",
        "projects | cursor=cDI6MTI", "projects | cursor=cDE6MTI%3D", "projects | pagination=keyset&orderBy=name",
        "groups | search=%00", "groups | orderBy=id%3B", "groups | perPage=0", "groups | minAccessLevel=1",
        "groups | page=2147483648",
        "issues | scope=%00", "issues | state=OPENED", "issues | search=%0A", "issues | orderBy=title",
        "issues | sort=%E2%80%AEcsed",
        "merge-requests | scope=all%00", "merge-requests | state=merged%3B", "merge-requests | search=LONG",
        "projects/1/pipelines | status=success%00", "projects/1/pipelines | ref=%00",
        "projects/1/pipelines | ref=LONG", "projects/1/pipelines | orderBy=sha",
        "projects/1/issues | state=%0D%0A", "projects/1/merge-requests | perPage=101"
    })
    void hostileQueriesAreRefusedWithoutReachingGitLab(String path, String query) {
        long gitLabCalls = emulator.stats().apiRequests();
        Response response = user.api().urlEncodingEnabled(false).accept("application/json")
                .when().get(user.account() + "/" + path + "?" + expand(query));

        response.then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation_failed"));
        assertEquals(gitLabCalls, emulator.stats().apiRequests(), "nothing reached GitLab");
        assertNoTokenIn(response);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "projects?search=HUGE", "projects?page=1&page=2&page=HUGE"
    })
    void oversizedRequestsAreRefusedWithout5xx(String pathAndQuery) {
        long gitLabCalls = emulator.stats().apiRequests();
        Response response = user.api().urlEncodingEnabled(false)
                .when().get(user.account() + "/" + expand(pathAndQuery));

        assertTrue(response.statusCode() == 400 || response.statusCode() == 414, "status " + response.statusCode());
        assertEquals(gitLabCalls, emulator.stats().apiRequests(), "nothing reached GitLab");
        assertNoTokenIn(response);
    }

    static Stream<Arguments> accountIds() {
        return Stream.of(
                Arguments.of("not-a-uuid", 400), Arguments.of("12345", 400), Arguments.of("%00", 400),
                Arguments.of("..", 404), Arguments.of("%2E%2E", 404), Arguments.of("%27%20OR%201%3D1", 400),
                Arguments.of("00000000-0000-0000-0000-000000000000", 404),
                Arguments.of("ffffffff-ffff-ffff-ffff-ffffffffffff", 404),
                Arguments.of("00000000-0000-0000-0000-0000000000000", 400),
                Arguments.of("%7B00000000-0000-0000-0000-000000000000%7D", 400),
                Arguments.of("00000000000000000000000000000000", 400),
                Arguments.of("00000000-0000-0000-0000-00000000000%C3%A9", 400),
                Arguments.of("x".repeat(300), 400), Arguments.of(LONG_TEXT, 400),
                Arguments.of("OTHER", 404));
    }

    @ParameterizedTest(name = "GET account {0}")
    @MethodSource("accountIds")
    void hostileAccountIdsAreRefusedWithoutReachingGitLab(String accountId, int status) {
        long gitLabCalls = emulator.stats().apiRequests();
        Response response = user.api().urlEncodingEnabled(false)
                .when().get("/api/accounts/" + resolve(accountId) + "/projects");

        assertRefused(response, status);
        assertEquals(gitLabCalls, emulator.stats().apiRequests(), "nothing reached GitLab");
    }

    @ParameterizedTest(name = "DELETE account {0}")
    @MethodSource("accountIds")
    void hostileUnlinksChangeNothing(String accountId, int status) {
        long revocations = emulator.stats().revocations();
        Response response = user.api().urlEncodingEnabled(false).header("X-CSRF", "1")
                .when().delete("/api/accounts/" + resolve(accountId));

        assertRefused(response, status);
        assertEquals(revocations, emulator.stats().revocations(), "nothing revoked at GitLab");
        user.api().when().get("/api/session").then().statusCode(200).body("accounts.id", hasItem(user.accountId()));
        other.api().when().get("/api/session").then().statusCode(200)
                .body("accounts.id", hasItem(other.accountId()));
    }

    @ParameterizedTest(name = "project {0}")
    @CsvSource({"0", "-1", "99999999999999999999", "01", "1.0", "a%20b", "%2Fleading", "group%2F", "%2E%2E%2Fadmin",
        "..%2F..%2Fetc", "a%00b", "group%2Fproj%0Aect", "group%2F%2E%2E", "%E2%80%AEgroup%2Fx", "group%5Cproject"})
    void hostileProjectIdsAreRefusedWithoutReachingGitLab(String projectId) {
        long gitLabCalls = emulator.stats().apiRequests();
        Response response = user.api().urlEncodingEnabled(false)
                .when().get(user.account() + "/projects/" + projectId + "/pipelines");

        response.then().statusCode(400).body("code", equalTo("validation_failed"));
        assertEquals(gitLabCalls, emulator.stats().apiRequests(), "nothing reached GitLab");
        assertNoTokenIn(response);
    }

    static Stream<String> cookies() {
        return Stream.of("", "x", "!".repeat(43), "A".repeat(44), "A".repeat(42), "A".repeat(42) + "=",
                "%00" + "A".repeat(40), "' OR '1'='1", "\"" + "A".repeat(43) + "\"", "é".repeat(43),
                "A".repeat(4000), "A".repeat(21) + "." + "A".repeat(21));
    }

    @ParameterizedTest(name = "cookie [{0}]")
    @MethodSource("cookies")
    void hostileSessionCookiesAreNotAuthenticated(String cookie) {
        Response response = RestAssured.given().baseUri(settings.baseUrl())
                .header("Cookie", SignedInUser.COOKIE + "=" + cookie)
                .when().get("/api/session");

        response.then().statusCode(401).body("code", equalTo("not_authenticated"));
        assertNoTokenIn(response);
    }

    private static String expand(String query) {
        return query.replace("HUGE", HUGE_TEXT).replace("LONG", LONG_TEXT);
    }

    private String resolve(String accountId) {
        return "OTHER".equals(accountId) ? other.accountId() : accountId;
    }

    /**
     * 400 {@code validation_failed}, or 404: {@code account_not_found}, or {@code not_found} where the id is a dot
     * segment and the path leads nowhere at all.
     */
    private void assertRefused(Response response, int status) {
        response.then().statusCode(status).contentType("application/problem+json");
        String code = response.jsonPath().getString("code");
        assertTrue(status == 400 ? "validation_failed".equals(code)
                : "account_not_found".equals(code) || "not_found".equals(code), code);
        assertNoTokenIn(response);
    }

    /** No access, refresh or ID token the emulator ever issued to these users, in the body or a header. */
    private void assertNoTokenIn(Response response) {
        assertTrue(response.statusCode() < 500, "a 5xx: " + response.statusCode());
        String answer = response.getHeaders().toString() + "\n" + response.asString();
        Set<String> tokens = Stream.of(user, other)
                .flatMap(signedIn -> emulator.tokensIssuedTo(signedIn.gitLabUser().id()).stream())
                .flatMap(token -> Stream.of(token.accessToken(), token.refreshToken()))
                .collect(Collectors.toSet());
        assertFalse(tokens.isEmpty(), "the emulator issued tokens to the users");
        for (String token : tokens) {
            assertFalse(answer.contains(token), "a GitLab token in the answer");
        }
    }

    /** The class's users belong to the emulator of this application (a new one after a restart). */
    private boolean emulatorIsTheSame() {
        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.gitLabUser().id());
        return !issued.isEmpty() && user.settings().equals(settings);
    }
}
