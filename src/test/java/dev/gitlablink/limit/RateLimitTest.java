package dev.gitlablink.limit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSecrets;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The service's own limits as a client meets them: requests per session on /api and per client address on the
 * sign-in paths (429 {@code rate_limited} with {@code Retry-After}, other clients unaffected, hostile spellings of
 * the paths counted too), and the per-session bulkhead on GitLab calls. Behind a trusted proxy here, so each
 * test can sign in from an address of its own through {@code X-Forwarded-For}.
 */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.SIGN_IN_RATE_LIMIT, value = RateLimitTest.SIGN_IN_LIMIT))
class RateLimitTest {

    static final int API_LIMIT = 10;
    static final String SIGN_IN_LIMIT = "40";
    static final AtomicInteger ADDRESSES = new AtomicInteger();

    /** Low limits with long windows (nothing refills during a test), behind a trusted proxy. */
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("API_RATE_LIMIT", String.valueOf(API_LIMIT),
                    "API_RATE_LIMIT_WINDOW", "60S",
                    "SIGN_IN_RATE_LIMIT_WINDOW", "60S",
                    "SESSION_GITLAB_CALLS", "2",
                    "SESSION_GITLAB_CALLS_QUEUED", "1",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @AfterEach
    void resetEmulator() {
        emulator.knobs().reset();
    }

    @Test
    void aSessionOverItsLimitGets429WithRetryAfterAndOthersCarryOn() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "limited");
        SignedInUser other = SignedInUser.signIn(emulator, settings, "other");

        int answered = 1; // the sign-in's own GET /api/session
        while (answered < API_LIMIT) {
            user.api().when().get("/api/session").then().statusCode(200);
            answered++;
        }
        Response refused = user.api().when().get("/api/session");
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .header("Cache-Control", "no-store")
                .body("code", equalTo("rate_limited"))
                .body("status", equalTo(429))
                .body("instance", equalTo("/api/session"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(retryAfter, refused.jsonPath().getLong("retryAfter"));
        user.api().when().get(user.account() + "/projects").then().statusCode(429)
                .body("code", equalTo("rate_limited"));

        // Signing out always works, even over the limit.
        user.api().header("X-CSRF", "1").when().post("/api/logout").then().statusCode(204);
        user.api().when().get("/api/session").then().statusCode(401);

        other.api().when().get("/api/session").then().statusCode(200);
        String metrics = given().baseUri(settings.baseUrl()).when().get("/q/metrics").then().statusCode(200)
                .extract().asString();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("gitlab_link_requests_limited_total{limit=\"api\"}")
                && !line.endsWith(" 0.0")), "the refusals are counted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api;x=1/session", "/api/session;x=1", "/api//session", "/api/./session",
            "/api/%73ession", "/api/session/", "/api/x/../session", "/API/session", "/api/session;"})
    void everySpellingTheRouterDispatchesToAnApiResourceCounts(String spelling) {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "spelling");
        int first = user.api().urlEncodingEnabled(false).when().get(spelling).statusCode();
        boolean dispatched = first == 200;
        int answered = dispatched ? 2 : 1;
        while (answered < API_LIMIT) {
            user.api().when().get("/api/session").then().statusCode(200);
            answered++;
        }
        user.api().when().get("/api/session").then().statusCode(429);
        int after = user.api().urlEncodingEnabled(false).when().get(spelling).statusCode();
        if (dispatched) {
            assertEquals(429, after, spelling + " reached the resource but escaped the limit");
        } else {
            assertTrue(after >= 400 && after < 500, spelling + " answered " + first + ", then " + after);
        }
    }

    @Test
    void theLimitIsKeyedBySessionNotByCookieValue() {
        // Random well-formed cookies find no session: 401, and no counter is opened for them.
        for (int i = 0; i < API_LIMIT * 3; i++) {
            given().baseUri(settings.baseUrl()).cookie(SignedInUser.COOKIE, randomCookie())
                    .when().get("/api/session").then().statusCode(401).body("code", equalTo("not_authenticated"));
        }
    }

    @Test
    void signInRequestsAreLimitedPerClientAddress() {
        String address = freshAddress();
        int limit = Integer.parseInt(SIGN_IN_LIMIT);
        for (int i = 0; i < limit; i++) {
            int status = signIn("/login?returnTo=/", address, "application/json").statusCode();
            assertEquals(302, status, "request " + (i + 1));
        }
        Response refused = signIn("/login?returnTo=/", address, "application/json");
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("rate_limited"))
                .body("instance", equalTo("/login"));
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        signIn("/auth/callback?code=x&state=y", address, "application/json").then().statusCode(429);
        // A browser is sent to the SPA's sign-in error state, as for any sign-in GitLab cannot serve now.
        signIn("/login?returnTo=/", address, "text/html").then().statusCode(303)
                .header("Location", startsWith("/?loginError=temporarily_unavailable"));

        signIn("/login?returnTo=/", "198.51.100.7", "application/json").then().statusCode(302);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/login;x=1?returnTo=/", "/login/?returnTo=/", "//login?returnTo=/",
            "/./login?returnTo=/", "/%6Cogin?returnTo=/", "/LOGIN?returnTo=/", "/login;?returnTo=/",
            "/auth/callback;x=1?code=x&state=y", "/auth//callback?code=x&state=y", "/auth/%63allback?code=x&state=y"})
    void everySpellingThatReachesTheSignInMachineryCounts(String spelling) {
        String address = freshAddress();
        int limit = Integer.parseInt(SIGN_IN_LIMIT);
        int first = signIn(spelling, address, "application/json").statusCode();
        boolean refusedOutright = first == 400 || first == 404 || first == 405;
        int answered = refusedOutright ? 0 : 1;
        while (answered < limit) {
            assertEquals(302, signIn("/login?returnTo=/", address, "application/json").statusCode(),
                    spelling + " answered " + first + "; request " + (answered + 1));
            answered++;
        }
        assertEquals(429, signIn("/login?returnTo=/", address, "application/json").statusCode(),
                spelling + " answered " + first + " and was not counted");
        int after = signIn(spelling, address, "application/json").statusCode();
        if (refusedOutright) {
            assertEquals(first, after, spelling);
        } else {
            assertEquals(429, after, spelling + " answered " + first + " but escaped the limit");
        }
    }

    @Test
    void aSessionHasABoundedShareOfGitLabCalls() throws Exception {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "bulkhead");
        SignedInUser other = SignedInUser.signIn(emulator, settings, "neighbour");
        emulator.knobs().latency(Duration.ofMillis(1500));
        emulator.stats().reset();

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> user.api().when().get(user.account() + "/projects"));
            }
            List<Future<Response>> results = new ArrayList<>();
            for (Callable<Response> call : calls) {
                results.add(pool.submit(call));
            }
            Thread.sleep(300);
            other.api().when().get(other.account() + "/user").then().statusCode(200);
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> result : results) {
                Response response = result.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 429) {
                    response.then().body("code", equalTo("rate_limited")).header("Retry-After", "1");
                }
            }
            assertEquals(3, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3 + 1, emulator.stats().apiRequests(), "refused requests never reach GitLab");
    }

    /** A client address no other test of the class uses, so each starts with the whole budget. */
    private static String freshAddress() {
        return "192.0.2." + ADDRESSES.incrementAndGet();
    }

    private Response signIn(String pathAndQuery, String address, String accept) {
        return given().baseUri(settings.baseUrl()).urlEncodingEnabled(false).redirects().follow(false)
                .header("X-Forwarded-For", address).accept(accept)
                .when().get(pathAndQuery);
    }

    private static String randomCookie() {
        return TestSecrets.randomSecret(32);
    }
}
