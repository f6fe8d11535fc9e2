package dev.gitlablink.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Ready only while GitLab's discovery document answers: without it nobody can sign in. */
@Readiness
@ApplicationScoped
public class GitLabReadinessCheck implements AsyncHealthCheck {

    private final GitLabDiscoveryProbe probe;

    public GitLabReadinessCheck(GitLabDiscoveryProbe probe) {
        this.probe = probe;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return probe.current().map(result -> HealthCheckResponse.named("GitLab discovery")
                .status(result.up())
                .withData("url", probe.discoveryUrl())
                .withData("detail", result.detail())
                .withData("checkedAt", result.checkedAt().toString())
                .build());
    }
}
