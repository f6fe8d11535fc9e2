package dev.gitlablink.health;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.gitlab.GitLabInstances;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/** One {@link GitLabDiscoveryProbe} per configured GitLab instance, sharing one web client. */
@ApplicationScoped
public class GitLabDiscoveryProbes {

    /** An instance's probe with its latest result. */
    record Reachability(GitLabDiscoveryProbe probe, ProbeResult result) {
    }

    private final List<GitLabDiscoveryProbe> probes;

    public GitLabDiscoveryProbes(Vertx vertx, GitLabInstances instances, HealthConfig config, Clock clock,
            MeterRegistry metrics) {
        WebClient client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.gitlabTimeout().toMillis())
                .setFollowRedirects(false));
        this.probes = instances.all().stream()
                .map(instance -> new GitLabDiscoveryProbe(client, instance, config, clock, metrics))
                .toList();
    }

    /** Probes again once the last result is older than its TTL, for the gauges; readiness probes do the same. */
    @Scheduled(every = "${gitlab-link.health.gitlab-cache-ttl}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        probes.forEach(probe -> probe.current().subscribe().with(ignored -> { }, failure -> { }));
    }

    /** Every instance's current result, the default instance first; probes run side by side. */
    Uni<List<Reachability>> current() {
        return Uni.join().all(probes.stream()
                        .map(probe -> probe.current().map(result -> new Reachability(probe, result)))
                        .toList())
                .andFailFast();
    }
}
