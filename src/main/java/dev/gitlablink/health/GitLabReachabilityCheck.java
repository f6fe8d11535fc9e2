package dev.gitlablink.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Reports whether GitLab's discovery document answers, as data of the readiness answer ({@code reachable}). It
 * never makes the pod unready: every replica sees the same GitLab, so taking them all out of service would turn
 * a GitLab outage into the ingress's bare 503, while a ready pod answers it with 502/504 problems the SPA shows.
 */
@Readiness
@ApplicationScoped
public class GitLabReachabilityCheck implements AsyncHealthCheck {

    static final String NAME = "GitLab reachability";

    private final GitLabDiscoveryProbe probe;

    public GitLabReachabilityCheck(GitLabDiscoveryProbe probe) {
        this.probe = probe;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return probe.current().map(result -> HealthCheckResponse.named(NAME)
                .up()
                .withData("reachable", result.up())
                .withData("url", probe.discoveryUrl())
                .withData("detail", result.detail())
                .withData("checkedAt", result.checkedAt().toString())
                .build());
    }
}
