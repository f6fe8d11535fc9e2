package dev.gitlablink.gitlab;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** Builds and keeps one typed REST client per GitLab instance and interface. */
@ApplicationScoped
class GitLabRestClients {

    private final GitLabConfig config;
    private final Map<String, GitLabOAuthRestClient> oauthClients = new ConcurrentHashMap<>();
    private final Map<String, GitLabApiRestClient> apiClients = new ConcurrentHashMap<>();

    GitLabRestClients(GitLabConfig config) {
        this.config = config;
    }

    GitLabOAuthRestClient oauth(String instanceUrl) {
        return oauthClients.computeIfAbsent(instanceUrl, url -> build(url, GitLabOAuthRestClient.class));
    }

    GitLabApiRestClient api(String instanceUrl) {
        return apiClients.computeIfAbsent(instanceUrl, url -> build(url + "/api/v4", GitLabApiRestClient.class));
    }

    private <T> T build(String baseUrl, Class<T> type) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Calls wait on GitLab, not on CPU: a pool the size of the expected concurrency, not 50.
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, config.maxConnections())
                .property(QuarkusRestClientProperties.KEEP_ALIVE_ENABLED, true)
                .disableDefaultMapper(true)
                .register(GitLabErrors.class)
                .build(type);
    }
}
