package dev.gitlablink.gitlab;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.common.Gauges;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The circuit breaker and retries of each instance's guard ({@link GitLabGuards}):
 * {@code gitlab_link_gitlab_circuit_state{instance}} (0 closed, 1 half-open, 2 open) and
 * {@code gitlab_link_gitlab_retries_total{instance}}. SmallRye Fault Tolerance's own {@code ft_*} metrics are off
 * (application.properties): they would name each guard by its description, one series per session and client.
 */
// Created at start-up, not at first use of its client proxy, so the gauges exist before the first GitLab call.
@Startup
@ApplicationScoped
class GitLabResilienceMetrics {

    /** One instance's meters. */
    record InstanceMeters(AtomicInteger circuitState, Counter retries) {

        void circuit(CircuitBreakerState state) {
            circuitState.set(switch (state) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            });
        }
    }

    private static final String CIRCUIT_STATE = "gitlab_link.gitlab.circuit.state";

    private final MeterRegistry metrics;
    private final GitLabInstances instances;
    private final Map<String, InstanceMeters> byUrl = new ConcurrentHashMap<>();

    GitLabResilienceMetrics(MeterRegistry metrics, GitLabInstances instances) {
        this.metrics = metrics;
        this.instances = instances;
        // Registered up front: a closed circuit shows as 0 before the first call, and an alert can tell it from none.
        instances.all().forEach(instance -> forInstance(instance.url()));
    }

    InstanceMeters forInstance(String instanceUrl) {
        return byUrl.computeIfAbsent(instanceUrl, this::register);
    }

    private InstanceMeters register(String instanceUrl) {
        String instance = instances.byUrl(instanceUrl).map(ConfiguredInstance::id).orElse("removed");
        AtomicInteger state = new AtomicInteger();
        Gauges.register(metrics, Gauge.builder(CIRCUIT_STATE, state, AtomicInteger::get)
                .description("The GitLab instance's circuit breaker: 0 closed, 1 half-open, 2 open"),
                CIRCUIT_STATE, Tags.of("instance", instance));
        Counter retries = Counter.builder("gitlab_link.gitlab.retries")
                .description("GitLab reads retried after the instance failed to answer")
                .tag("instance", instance)
                .register(metrics);
        return new InstanceMeters(state, retries);
    }
}
