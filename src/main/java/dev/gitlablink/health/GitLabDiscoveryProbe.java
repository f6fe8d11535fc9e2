package dev.gitlablink.health;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.gitlablink.common.Gauges;
import dev.gitlablink.gitlab.ConfiguredInstance;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Checks that one GitLab instance's OIDC discovery document answers. Results are cached for a short time and at most
 * one probe is in flight, so however often Kubernetes probes, GitLab sees at most one request per TTL.
 */
class GitLabDiscoveryProbe {

    /** Micrometer name of the reachability gauge; Prometheus shows it as {@code gitlab_link_gitlab_reachable}. */
    static final String REACHABLE_GAUGE = "gitlab_link.gitlab.reachable";

    private final WebClient client;
    private final String discoveryUrl;
    private final HealthConfig config;
    private final Clock clock;
    private final AtomicReference<ProbeResult> last = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<ProbeResult>> inFlight = new AtomicReference<>();

    private final ConfiguredInstance instance;

    GitLabDiscoveryProbe(WebClient client, ConfiguredInstance instance, HealthConfig config, Clock clock,
            MeterRegistry metrics) {
        this.client = client;
        this.instance = instance;
        this.config = config;
        this.clock = clock;
        this.discoveryUrl = instance.url() + "/.well-known/openid-configuration";
        // One series per configured instance, labelled with its id (and URL).
        Gauges.register(metrics,
                Gauge.builder(REACHABLE_GAUGE, last, result -> result.get() == null ? Double.NaN : result.get().up() ? 1 : 0)
                        .description("Whether GitLab's OIDC discovery document answered at the last probe (1) or not (0)"),
                REACHABLE_GAUGE, Tags.of("instance", instance.id(), "url", instance.url()));
    }

    ConfiguredInstance instance() {
        return instance;
    }

    String discoveryUrl() {
        return discoveryUrl;
    }

    /** The cached result while fresh, otherwise the result of the probe in flight (started if needed). */
    Uni<ProbeResult> current() {
        ProbeResult cached = last.get();
        if (cached != null && cached.checkedAt().plus(config.gitlabCacheTtl()).isAfter(clock.instant())) {
            return Uni.createFrom().item(cached);
        }
        CompletableFuture<ProbeResult> mine = new CompletableFuture<>();
        CompletableFuture<ProbeResult> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return Uni.createFrom().completionStage(running);
        }
        probe().subscribe().with(result -> {
            last.set(result);
            inFlight.set(null);
            mine.complete(result);
        });
        return Uni.createFrom().completionStage(mine);
    }

    private Uni<ProbeResult> probe() {
        return client.getAbs(discoveryUrl)
                .timeout(config.gitlabTimeout().toMillis())
                .send()
                .map(this::judge)
                .onFailure().recoverWithItem(failure -> down("unreachable: " + failure.getClass().getSimpleName()));
    }

    private ProbeResult judge(HttpResponse<?> response) {
        if (response.statusCode() != 200) {
            return down("discovery answered " + response.statusCode());
        }
        try {
            JsonObject document = new JsonObject(response.bodyAsString());
            return document.getString("issuer") == null
                    ? down("discovery document has no issuer")
                    : new ProbeResult(true, "discovery reachable", clock.instant());
        } catch (RuntimeException e) {
            return down("discovery document is not JSON");
        }
    }

    private ProbeResult down(String detail) {
        return new ProbeResult(false, detail, clock.instant());
    }
}
