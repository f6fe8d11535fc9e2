package dev.gitlablink.emulator;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fault and token knobs of {@link EmulatorKnobs}, and the API request counters. */
class GitLabEmulatorKnobsTest {

    private static final String EXPIRED = "Token is expired. You can either do re-authorization or token refresh.";
    private static final String REVOKED = "Token was revoked. You have to re-authorize from the user.";

    private static GitLabEmulator emulator;
    private static ApiTestClient api;
    private static EmulatorUser kim;
    private static String token;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults());
        api = new ApiTestClient(emulator);
        kim = emulator.createUser("kim", "Kim Knobs", "kim@example.test");
        emulator.data().generateProjects(kim.id(), "kim-group", 3);
        token = api.token(kim, "read_api");
    }

    @AfterEach
    void resetKnobs() {
        emulator.knobs().reset();
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void latencyDelaysApiAnswersOnly() {
        emulator.knobs().latency(Duration.ofMillis(300));

        long started = System.nanoTime();
        api.get(token, "/projects").then().statusCode(200);
        long apiMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        EmulatorFlows.request().get(emulator.baseUrl() + "/.well-known/openid-configuration").then().statusCode(200);
        long discoveryMillis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(apiMillis >= 300, "API answered after " + apiMillis + " ms");
        assertTrue(discoveryMillis < 300, "discovery answered after " + discoveryMillis + " ms");
    }

    @Test
    void latencyHoldsNoThread() throws Exception {
        emulator.knobs().latency(Duration.ofMillis(200));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/v4/projects"))
                .header("Authorization", "Bearer " + token).build();

        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertEquals(200, answer.get().statusCode());
        }
        long elapsed = (System.nanoTime() - started) / 1_000_000;

        assertTrue(elapsed >= 200, "took " + elapsed + " ms");
        assertTrue(elapsed < 1_500, "200 concurrent requests at 200 ms latency took " + elapsed + " ms");
    }

    @Test
    void failNextAnswersGitLab500ThenRecovers() {
        emulator.knobs().failNext(2, 500);

        api.get(token, "/projects").then().statusCode(500).header("Content-Type", "application/json")
                .body("message", equalTo("500 Internal Server Error"));
        api.get(token, "/user").then().statusCode(500);
        api.get(token, "/projects").then().statusCode(200);
        EmulatorFlows.request().get(emulator.baseUrl() + "/.well-known/openid-configuration").then().statusCode(200);
    }

    @Test
    void failNextWith503IsAnHtmlPage() {
        emulator.knobs().failNext(1, 503);

        Response response = api.get(token, "/projects");
        response.then().statusCode(503);
        assertTrue(response.header("Content-Type").startsWith("text/html"));
        assertTrue(response.asString().contains("GitLab is not responding"));
        assertEquals(0, emulator.knobs().pendingFailures());
    }

    @Test
    void rateLimitOAuthNextThrottlesTheOAuthEndpointsOnly() {
        emulator.knobs().rateLimitOAuthNext(1, Duration.ofSeconds(20));

        api.get(token, "/projects").then().statusCode(200);
        Response limited = EmulatorFlows.request().header("Authorization", "Bearer " + token)
                .get(emulator.baseUrl() + "/oauth/token/info");
        limited.then().statusCode(429).header("Retry-After", "20");
        assertEquals("Retry later", limited.asString().strip());
        EmulatorFlows.request().header("Authorization", "Bearer " + token)
                .get(emulator.baseUrl() + "/oauth/token/info").then().statusCode(200);
    }

    @Test
    void rateLimitNextAnswersRackAttack429() {
        emulator.knobs().rateLimitNext(1, Duration.ofSeconds(30));

        Response limited = api.get(token, "/projects");
        limited.then().statusCode(429)
                .header("Retry-After", "30")
                .header("RateLimit-Name", "throttle_authenticated_api")
                .header("RateLimit-Remaining", "0")
                .header("RateLimit-Limit", "2000");
        assertEquals("Retry later", limited.asString().strip());
        assertTrue(limited.header("Content-Type").startsWith("text/plain"));
        ZonedDateTime resetTime = ZonedDateTime.parse(limited.header("RateLimit-ResetTime"),
                DateTimeFormatter.RFC_1123_DATE_TIME);
        assertEquals(Long.parseLong(limited.header("RateLimit-Reset")), resetTime.toEpochSecond());
        api.get(token, "/projects").then().statusCode(200);
    }

    @Test
    void everyApiAnswerCarriesRateLimitHeaders() {
        Response first = api.get(token, "/projects");
        Response second = api.get(token, "/projects");

        first.then().header("RateLimit-Name", "throttle_authenticated_api").header("RateLimit-Limit", "2000");
        int observed = Integer.parseInt(second.header("RateLimit-Observed"));
        assertTrue(observed > Integer.parseInt(first.header("RateLimit-Observed")) || observed == 1,
                "observed grows within a window");
        assertEquals(2000 - observed, Integer.parseInt(second.header("RateLimit-Remaining")));
        assertTrue(Long.parseLong(second.header("RateLimit-Reset")) > System.currentTimeMillis() / 1000 - 1);
        EmulatorFlows.request().get(emulator.baseUrl() + "/api/v4/projects").then().statusCode(401)
                .header("RateLimit-Name", "throttle_unauthenticated_api").header("RateLimit-Limit", "500");
    }

    @Test
    void downClosesConnectionsUntilUp() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest apiRequest = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/v4/projects"))
                .header("Authorization", "Bearer " + token).build();
        HttpRequest tokenRequest = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=x")).build();
        emulator.knobs().down(true);

        assertThrows(IOException.class, () -> client.send(apiRequest, HttpResponse.BodyHandlers.ofString()));
        assertThrows(IOException.class, () -> client.send(tokenRequest, HttpResponse.BodyHandlers.ofString()));

        emulator.knobs().down(false);
        assertEquals(200, client.send(apiRequest, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void expiredAccessTokensCanBeRefreshed() {
        JsonPath tokens = api.tokens(kim, "read_api");
        String access = tokens.getString("access_token");
        api.get(access, "/projects").then().statusCode(200);
        try {
            assertTrue(emulator.knobs().expireAccessTokens(kim.id()) >= 1);

            api.get(access, "/projects").then().statusCode(401)
                    .body("error", equalTo("invalid_token")).body("error_description", equalTo(EXPIRED));
            Response refreshed = api.flows().refresh(ApiTestClient.APP, tokens.getString("refresh_token"));
            refreshed.then().statusCode(200).body("expires_in", equalTo(7200));
            api.get(refreshed.jsonPath().getString("access_token"), "/projects").then().statusCode(200);
        } finally {
            token = api.token(kim, "read_api");
        }
    }

    @Test
    void revokeAllTokensRevokesAccessAndRefreshTokens() {
        JsonPath tokens = api.tokens(kim, "read_api");
        String access = tokens.getString("access_token");
        try {
            assertTrue(emulator.knobs().revokeAllTokens(kim.id()) >= 1);

            api.get(access, "/projects").then().statusCode(401).body("error_description", equalTo(REVOKED));
            api.flows().refresh(ApiTestClient.APP, tokens.getString("refresh_token")).then().statusCode(400)
                    .body("error", equalTo("invalid_grant"));
        } finally {
            token = api.token(kim, "read_api");
        }
        api.get(token, "/projects").then().statusCode(200);
    }

    @Test
    void statsCountAnsweredApiRequests() {
        emulator.stats().reset();
        emulator.knobs().failNext(1, 502);

        api.get(token, "/projects").then().statusCode(502);
        api.get(token, "/projects/999").then().statusCode(404);
        api.get(token, "/user").then().statusCode(200);
        EmulatorFlows.request().get(emulator.baseUrl() + "/.well-known/openid-configuration");

        assertEquals(3, emulator.stats().apiRequests());
        assertEquals(2, emulator.stats().apiRequests("/projects"));
        assertEquals(2, emulator.stats().apiRequests("/api/v4/projects"));
        assertEquals(1, emulator.stats().apiRequests("/user"));
    }

    @Test
    void tokenLatencyHoldsTheAnswerButIssuesThePairAtOnce() throws Exception {
        JsonPath tokens = api.tokens(kim, "read_api");
        emulator.stats().reset();
        emulator.knobs().tokenLatency(Duration.ofMillis(800));
        HttpRequest refresh = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/oauth/token"))
                .timeout(Duration.ofMillis(300))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id="
                        + ApiTestClient.APP.clientId() + "&client_secret=" + ApiTestClient.APP.clientSecret()
                        + "&refresh_token=" + tokens.getString("refresh_token"))).build();

        assertThrows(HttpTimeoutException.class,
                () -> HttpClient.newHttpClient().send(refresh, HttpResponse.BodyHandlers.ofString()));
        assertEquals(1, emulator.stats().refreshes(kim.id()), "GitLab minted the pair the client never saw");

        long started = System.nanoTime();
        api.flows().refresh(ApiTestClient.APP, tokens.getString("refresh_token")).then().statusCode(200);
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 800, "the answer waited for the latency");
        api.get(token, "/projects").then().statusCode(200);
    }

    @Test
    void failForAnswersEveryApiAndOAuthRequestUntilItEnds() {
        emulator.knobs().failFor(Duration.ofMillis(1500), 503);

        api.get(token, "/projects").then().statusCode(503);
        api.get(token, "/user").then().statusCode(503);
        EmulatorFlows.request().header("Authorization", "Bearer " + token)
                .get(emulator.baseUrl() + "/oauth/token/info").then().statusCode(503);
        EmulatorFlows.request().get(emulator.baseUrl() + "/.well-known/openid-configuration").then().statusCode(200);
        assertTrue(emulator.knobs().timedFaultLeft().compareTo(Duration.ZERO) > 0);

        await().atMost(Duration.ofSeconds(3)).until(
                () -> api.get(token, "/projects").statusCode() == 200);
        assertEquals(Duration.ZERO, emulator.knobs().timedFaultLeft());
    }

    @Test
    void rateLimitForThrottlesUntilItEnds() {
        emulator.knobs().rateLimitFor(Duration.ofMillis(1500), Duration.ofSeconds(2));

        api.get(token, "/projects").then().statusCode(429).header("Retry-After", "2");
        EmulatorFlows.request().header("Authorization", "Bearer " + token)
                .get(emulator.baseUrl() + "/oauth/token/info").then().statusCode(429);

        await().atMost(Duration.ofSeconds(3)).until(
                () -> api.get(token, "/projects").statusCode() == 200);
    }

    @Test
    void resetClearsFaultKnobs() {
        emulator.knobs().latency(Duration.ofSeconds(5)).failNext(3, 500).rateLimitNext(3, Duration.ofSeconds(1))
                .tokenLatency(Duration.ofSeconds(5)).failFor(Duration.ofMinutes(1), 500).down(true);

        emulator.knobs().reset();

        assertEquals(Duration.ZERO, emulator.knobs().latency());
        assertEquals(Duration.ZERO, emulator.knobs().tokenLatency());
        assertEquals(Duration.ZERO, emulator.knobs().timedFaultLeft());
        assertEquals(0, emulator.knobs().pendingFailures());
        assertEquals(0, emulator.knobs().pendingRateLimits());
        api.get(token, "/projects").then().statusCode(200);
    }
}
