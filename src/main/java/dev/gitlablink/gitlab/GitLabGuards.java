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
 * calls to another).
 */
@ApplicationScoped
class GitLabGuards {

    private final GitLabConfig.Resilience config;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    GitLabGuards(GitLabConfig config) {
        this.config = config.resilience();
    }

    Guard forInstance(String instanceUrl) {
        return guards.computeIfAbsent(instanceUrl, this::create);
    }

    private Guard create(String instanceUrl) {
        return Guard.create()
                .withDescription("GitLab reads from " + instanceUrl)
                .withRetry()
                    .maxRetries(config.maxRetries())
                    .delay(0, ChronoUnit.MILLIS)
                    .maxDuration(config.maxRetryAfter().toMillis() * (config.maxRetries() + 1) + 1000, ChronoUnit.MILLIS)
                    .retryOn(GitLabUnavailableException.class)
                    .withCustomBackoff()
                        .strategy(() -> new RetryAfterBackoff(config.retryDelay(), config.maxRetryAfter()))
                        .done()
                    .done()
                .withCircuitBreaker()
                    .name("gitlab " + instanceUrl)
                    .failOn(GitLabUnavailableException.class)
                    .requestVolumeThreshold(config.circuitRequestVolume())
                    .failureRatio(config.circuitFailureRatio())
                    .delay(config.circuitOpenDelay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .onStateChange(state -> Log.warnf("Circuit for GitLab %s is now %s", instanceUrl, state))
                    .done()
                .build();
    }
}
