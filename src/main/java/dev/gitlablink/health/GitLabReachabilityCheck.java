package dev.gitlablink.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Reports whether each GitLab instance's discovery document answers, as data of the readiness answer: {@code reachable}
 * (all of them), and per instance id {@code <id>.reachable}, {@code <id>.url}, {@code <id>.detail},
 * {@code <id>.checkedAt}. It never makes the pod unready: every replica sees the same GitLab, so taking them all out
 * of service would turn a GitLab outage into the ingress's bare 503, while a ready pod answers it with 502/504
 * problems the SPA shows, and keeps serving the accounts of the other instances.
 */
@Readiness
@ApplicationScoped
public class GitLabReachabilityCheck implements AsyncHealthCheck {

    static final String NAME = "GitLab reachability";

    private final GitLabDiscoveryProbes probes;

    public GitLabReachabilityCheck(GitLabDiscoveryProbes probes) {
        this.probes = probes;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return probes.current().map(all -> {
            HealthCheckResponseBuilder answer = HealthCheckResponse.named(NAME).up()
                    .withData("reachable", all.stream().allMatch(one -> one.result().up()));
            all.forEach(one -> {
                String id = one.probe().instance().id();
                answer.withData(id + ".reachable", one.result().up())
                        .withData(id + ".url", one.probe().discoveryUrl())
                        .withData(id + ".detail", one.result().detail())
                        .withData(id + ".checkedAt", one.result().checkedAt().toString());
            });
            return answer.build();
        });
    }
}
