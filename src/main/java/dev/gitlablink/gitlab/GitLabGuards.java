package dev.gitlablink.gitlab;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.Guard;

/**
 * One SmallRye Fault Tolerance guard per GitLab instance: bounded retries with backoff for reads, and a
 * circuit breaker so a GitLab that is down is not hammered (and one instance's outage does not pause
 * calls to another). The breaker counts only what says the instance is failing ({@link #instanceFailing}).
 */
@ApplicationScoped
class GitLabGuards {

    private final GitLabConfig.Resilience config;
    private final GitLabResilienceMetrics metrics;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    GitLabGuards(GitLabConfig config, GitLabResilienceMetrics metrics) {
        this.config = config.resilience();
        this.metrics = metrics;
    }

    Guard forInstance(String instanceUrl) {
        return guards.computeIfAbsent(instanceUrl, this::create);
    }

    /**
     * Whether a failed call says the GitLab instance is failing, for everyone: it could not be reached (refused,
     * reset, connection timed out) or its front answered 502/503/504. A 500 and an answer that took longer than
     * the read timeout are about the one request (an expensive search, a GitLab bug on some input) and are not
     * counted, so one client's slow or failing queries cannot open the circuit for all users of the instance.
     * Both are still retried, and the per-session bulkhead bounds how many one session can have in flight.
     */
    static boolean instanceFailing(Throwable failure) {
        return switch (failure) {
            case GitLabTimeoutException timeout -> timeout.connecting();
            case GitLabServerErrorException serverError -> serverError.fromGateway();
            case GitLabUnavailableException unreachable -> true;
            case WriteNotRetried write -> instanceFailing(write.failure());
            default -> false;
        };
    }

    private Guard create(String instanceUrl) {
        GitLabResilienceMetrics.InstanceMeters meters = metrics.forInstance(instanceUrl);
        return Guard.create()
                .withDescription("GitLab reads from " + instanceUrl)
                .withRetry()
                    .maxRetries(config.maxRetries())
                    .delay(0, ChronoUnit.MILLIS)
                    .maxDuration(config.maxRetryAfter().toMillis() * (config.maxRetries() + 1) + 1000, ChronoUnit.MILLIS)
                    .retryOn(GitLabUnavailableException.class)
                    .beforeRetry(failure -> meters.retries().increment())
                    .withCustomBackoff()
                        .strategy(() -> new RetryAfterBackoff(config.retryDelay(), config.maxRetryAfter()))
                        .done()
                    .done()
                .withCircuitBreaker()
                    .name("gitlab " + instanceUrl)
                    .when(GitLabGuards::instanceFailing)
                    .requestVolumeThreshold(config.circuitRequestVolume())
                    .failureRatio(config.circuitFailureRatio())
                    .delay(config.circuitOpenDelay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .onStateChange(state -> {
                        meters.circuit(state);
                        Log.warnf("Circuit for GitLab %s is now %s", instanceUrl, state);
                    })
                    .done()
                .build();
    }
}
