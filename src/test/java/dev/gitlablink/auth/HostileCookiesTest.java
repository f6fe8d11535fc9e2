package dev.gitlablink.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.NoTokens;
import dev.gitlablink.testsupport.RawHttp;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.StoredState;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Malformed, huge, many, repeated and odd cookies, next to a valid session or instead of one: never a 5xx, never
 * another user's data or a token, nothing stored or changed, and the valid session still works afterwards.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HostileCookiesTest {

    static final String NAME = SignedInUser.COOKIE;

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    StoredState stored;

    SignedInUser user;

    /** Cookie header lines; {@code {v}} is the valid session cookie's value. */
    static Stream<Arguments> cookies() {
        return Stream.of(
                cookies("huge value", NAME + "=" + "A".repeat(8_000)),
                cookies("value past the header limit", NAME + "=" + "A".repeat(40_000)),
                cookies("300 other cookies first", many(300) + "; " + NAME + "={v}"),
                cookies("3000 cookies", many(3000)),
                cookies("bogus duplicate first", NAME + "=bogus; " + NAME + "={v}"),
                cookies("bogus duplicate last", NAME + "={v}; " + NAME + "=bogus"),
                cookies("two Cookie headers", NAME + "=bogus", NAME + "={v}"),
                cookies("quoted value", NAME + "=\"{v}\""),
                cookies("value and junk", NAME + "={v} junk"),
                cookies("trailing semicolons", NAME + "={v};;;"),
                cookies("value doubled", NAME + "={v}{v}"),
                cookies("value with '='", NAME + "={v}="),
                cookies("one character changed", NAME + "={v-changed}"),
                cookies("truncated value", NAME + "={v-truncated}"),
                cookies("empty value", NAME + "="),
                cookies("no '='", NAME),
                cookies("empty name", "={v}"),
                cookies("only separators", ";;;;; ;"),
                cookies("upper-case name", NAME.toUpperCase(java.util.Locale.ROOT) + "={v}"),
                cookies("__Host- name over http", "__Host-" + NAME + "={v}"),
                cookies("Latin-1 bytes", NAME + "=\u00ff\u00fe\u00e9"),
                cookies("control characters", NAME + "=\u0001\u0002\u007f"),
                cookies("encoded NUL", NAME + "=%00"),
                cookies("SQL", NAME + "=' OR 1=1 --"),
                cookies("path traversal", NAME + "=../../../../etc/passwd"),
                cookies("all-zero id", NAME + "=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                cookies("base64 padding and plus", NAME + "=+++/+++/==="),
                cookies("garbage OIDC session next to ours", "q_session=garbage; " + NAME + "={v}"),
                cookies("garbage OIDC state cookie", "q_auth_0=garbage|x; " + NAME + "={v}"),
                cookies("huge OIDC session", "q_session=" + "B".repeat(4000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cookies")
    void sessionReadWithHostileCookies(String kind, List<String> cookieHeaders) {
        assertHarmless(send("GET", "/api/session", cookieHeaders, "Accept: application/json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cookies")
    void signInWithHostileCookies(String kind, List<String> cookieHeaders) {
        RawHttp.Answer answer = send("GET", "/login", cookieHeaders, "Accept: text/html");
        assertTrue(answer.status() == 302 || answer.status() >= 400 && answer.status() < 500, answer.toString());
        assertHarmless(answer);
    }

    private RawHttp.Answer send(String method, String path, List<String> cookieHeaders, String accept) {
        SignedInUser me = user();
        StoredState.Snapshot before = stored.read(emulator);
        String v = me.sessionCookie();
        List<String> headers = Stream.concat(cookieHeaders.stream().map(line -> "Cookie: " + line
                        .replace("{v-changed}", (v.charAt(0) == 'A' ? "B" : "A") + v.substring(1))
                        .replace("{v-truncated}", v.substring(0, v.length() - 1))
                        .replace("{v}", v)), Stream.of(accept)).toList();
        RawHttp.Answer answer = RawHttp.to(settings).send(method, path, headers);
        assertEquals(before, stored.read(emulator), "nothing stored or changed");
        me.api().when().get("/api/session").then().statusCode(200);
        return answer;
    }

    private void assertHarmless(RawHttp.Answer answer) {
        assertTrue(answer.status() < 500, answer.toString());
        if (answer.status() == 200) {
            assertTrue(answer.body().contains(user().accountId()), "only the cookie's own user: " + answer);
        }
        NoTokens.in(answer.headers() + answer.body(), emulator, user().gitLabUser());
    }

    private synchronized SignedInUser user() {
        if (user == null) {
            user = SignedInUser.signIn(emulator, settings, "cookies");
        }
        return user;
    }

    private static Arguments cookies(String kind, String... headers) {
        return Arguments.of(kind, List.of(headers));
    }

    private static String many(int count) {
        return IntStream.range(0, count).mapToObj(i -> "c" + i + "=x").collect(Collectors.joining("; "));
    }
}
