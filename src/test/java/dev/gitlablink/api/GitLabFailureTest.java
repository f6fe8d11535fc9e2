package dev.gitlablink.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;

/**
 * GitLab failures as the SPA sees them: retried reads, 502/504 gitlab_unavailable, 429 with Retry-After,
 * and the circuit breaker opening and closing. Short timeouts so the test is quick.
 */
@QuarkusTest
@TestProfile(GitLabFailureTest.FastFailures.class)
@WithTestResource(LocalServicesResource.class)
class GitLabFailureTest {

    /** Short timeouts and delays, so each failure mode is quick to provoke. */
    public static class FastFailures implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gitlab-link.gitlab.read-timeout", "1S",
                    "gitlab-link.gitlab.resilience.retry-delay", "50ms",
                    "gitlab-link.gitlab.resilience.max-retries", "2",
                    "gitlab-link.gitlab.resilience.max-retry-after", "1S",
                    "gitlab-link.gitlab.resilience.circuit-request-volume", "6",
                    "gitlab-link.gitlab.resilience.circuit-open-delay", "2S");
        }
    }

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    CircuitBreakerMaintenance circuits;

    @Inject
    MeterRegistry metrics;

    SignedInUser user;

    @BeforeEach
    void signIn() {
        user = SignedInUser.signIn(emulator, settings, "failures");
        emulator.stats().reset();
    }

    @AfterEach
    void reset() {
        emulator.knobs().reset();
        circuits.resetAll();
    }

    @Test
    void transientServerErrorsAreRetried() {
        emulator.knobs().failNext(2, 502);
        double retriesBefore = retries();

        projects().then().statusCode(200);
        assertEquals(3, emulator.stats().apiRequests(), "two failures, then the retry that worked");
        assertEquals(2, retries() - retriesBefore, "gitlab_link_gitlab_retries_total counts the two retries");
    }

    @Test
    void persistentServerErrorsGive502() {
        emulator.knobs().failNext(3, 500);

        projects().then().statusCode(502)
                .contentType("application/problem+json")
                .body("code", equalTo("gitlab_unavailable"))
                .header("Retry-After", "5")
                .body("retryAfter", equalTo(5));
        assertEquals(3, emulator.stats().apiRequests(), "one call and two bounded retries");
    }

    @Test
    void rateLimitGives429WithRetryAfterAndIsNotRetried() {
        emulator.knobs().rateLimitNext(1, Duration.ofSeconds(30));

        projects().then().statusCode(429)
                .header("Retry-After", "30")
                .body("code", equalTo("gitlab_rate_limited"))
                .body("retryAfter", equalTo(30));
        assertEquals(1, emulator.stats().apiRequests());
    }

    @Test
    void slowGitLabGives504() {
        emulator.knobs().latency(Duration.ofMillis(1500));

        long started = System.nanoTime();
        projects().then().statusCode(504)
                .body("code", equalTo("gitlab_unavailable"))
                .header("Retry-After", "5");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis < 8000, "bounded: " + tookMillis + " ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/projects", "/user"})
    void answerCutShortGives502AndIsNotRetried(String endpoint) {
        emulator.knobs().truncateNext(1);

        user.api().accept("application/json").when().get(user.account() + endpoint).then().statusCode(502)
                .contentType("application/problem+json")
                .body("code", equalTo("gitlab_error"));
        assertEquals(1, emulator.stats().apiRequests());
        user.api().accept("application/json").when().get(user.account() + endpoint).then().statusCode(200);
    }

    @Test
    void unreachableGitLabGives502() {
        emulator.knobs().down(true);

        projects().then().statusCode(502)
                .body("code", equalTo("gitlab_unavailable"));
    }

    @Test
    void circuitOpensOnRepeatedFailuresAndClosesAfterwards() throws InterruptedException {
        emulator.knobs().failNext(1000, 503);
        for (int i = 0; i < 4; i++) {
            projects().then().statusCode(502);
        }
        assertEquals(CircuitBreakerState.OPEN, circuits.currentState("gitlab " + emulator.baseUrl()));
        assertEquals(2, circuitState(), "gitlab_link_gitlab_circuit_state says open");

        emulator.knobs().reset();
        long callsBefore = emulator.stats().apiRequests();
        projects().then().statusCode(502).body("code", equalTo("gitlab_unavailable"));
        assertEquals(callsBefore, emulator.stats().apiRequests(), "an open circuit does not call GitLab");

        Thread.sleep(Duration.ofMillis(2500));
        projects().then().statusCode(200);
        assertEquals(CircuitBreakerState.CLOSED, circuits.currentState("gitlab " + emulator.baseUrl()));
        assertEquals(0, circuitState(), "gitlab_link_gitlab_circuit_state says closed");
    }

    private double retries() {
        return metrics.get("gitlab_link.gitlab.retries").tag("instance", "gitlab").counter().count();
    }

    private double circuitState() {
        return metrics.get("gitlab_link.gitlab.circuit.state").tag("instance", "gitlab").gauge().value();
    }

    @Test
    void oneRequestsServerErrorsDoNotOpenTheCircuitForEveryone() {
        emulator.knobs().failNext(1000, 500);
        for (int i = 0; i < 4; i++) {
            projects().then().statusCode(502).body("code", equalTo("gitlab_unavailable"));
        }
        assertEquals(CircuitBreakerState.CLOSED, circuits.currentState("gitlab " + emulator.baseUrl()));
    }

    @Test
    void slowAnswersDoNotOpenTheCircuitForEveryone() {
        emulator.knobs().latency(Duration.ofMillis(1500));
        for (int i = 0; i < 3; i++) {
            projects().then().statusCode(504).body("code", equalTo("gitlab_unavailable"));
        }
        assertEquals(CircuitBreakerState.CLOSED, circuits.currentState("gitlab " + emulator.baseUrl()));
        emulator.knobs().latency(Duration.ZERO);
        projects().then().statusCode(200);
    }

    @Test
    void gitLabNotFoundIs404() {
        user.api().urlEncodingEnabled(false).when().get(user.account() + "/projects/group%2Fdoes-not-exist").then().statusCode(404)
                .body("code", equalTo("not_found"));
    }

    private io.restassured.response.Response projects() {
        return user.api().when().get(user.account() + "/projects");
    }
}
