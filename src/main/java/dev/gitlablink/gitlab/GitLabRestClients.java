package dev.gitlablink.gitlab;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.vertx.core.Context;

/**
 * Builds and keeps the typed REST clients: one OAuth client per GitLab instance, and one API client per instance
 * and Vert.x event loop. Each API client's connections then live on the event loop that calls it, so a request
 * and its answer never hop to another loop (with one shared client, a call on one loop often got a pooled
 * connection of another and paid two cross-thread hand-overs). Callers off the event loops (virtual threads)
 * share one more client per instance.
 */
@ApplicationScoped
class GitLabRestClients {

    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final GitLabConfig config;
    private final GitLabInstances instances;
    private final MeterRegistry metrics;
    private final Map<String, GitLabOAuthRestClient> oauthClients = new ConcurrentHashMap<>();
    private final Map<ApiClientKey, GitLabApiRestClient> apiClients = new ConcurrentHashMap<>();

    /** {@code eventLoop} is the calling event loop thread, or null for every other thread. */
    private record ApiClientKey(String instanceUrl, Thread eventLoop) {
    }

    GitLabRestClients(GitLabConfig config, GitLabInstances instances, MeterRegistry metrics) {
        this.config = config;
        this.instances = instances;
        this.metrics = metrics;
    }

    GitLabOAuthRestClient oauth(String instanceUrl) {
        return oauthClients.computeIfAbsent(instanceUrl,
                url -> build(url, url, GitLabOAuthRestClient.class));
    }

    GitLabApiRestClient api(String instanceUrl) {
        Thread eventLoop = Context.isOnEventLoopThread() ? Thread.currentThread() : null;
        return apiClients.computeIfAbsent(new ApiClientKey(instanceUrl, eventLoop),
                key -> build(key.instanceUrl(), key.instanceUrl() + "/api/v4", GitLabApiRestClient.class));
    }

    private <T> T build(String instanceUrl, String baseUrl, Class<T> type) {
        GitLabCallMetrics callMetrics = new GitLabCallMetrics(metrics, instanceLabel(instanceUrl));
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Calls wait on GitLab, not on CPU: a pool the size of the expected concurrency, not 50.
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, config.maxConnections())
                .property(QuarkusRestClientProperties.KEEP_ALIVE_ENABLED, true)
                // A GitLab page (about 17 KB for 20 projects) reaches the reader in one chunk instead of three of 8 KB,
                // each copied once more while the client collects the body.
                .property(QuarkusRestClientProperties.MAX_CHUNK_SIZE, MAX_CHUNK_BYTES)
                .disableDefaultMapper(true)
                // An instance, not the class: a class registered here is instantiated by reflection, which a native
                // image has not been told about.
                .register(new GitLabErrors())
                .register(callMetrics)
                .build(type);
    }

    /** The instance's configured id: a bounded label, unlike a URL an account row may still name. */
    private String instanceLabel(String instanceUrl) {
        return instances.byUrl(instanceUrl).map(ConfiguredInstance::id).orElse("removed");
    }
}
