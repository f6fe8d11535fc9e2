package dev.gitlablink.gitlab;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * Calls GitLab's OAuth endpoints for a given instance with a given access token, and turns GitLab's
 * failures into {@link GitLabRejectedException} or {@link GitLabUnavailableException}.
 */
@ApplicationScoped
public class GitLabOAuthClient {

    private final GitLabConfig config;
    private final Map<String, GitLabOAuthRestClient> clients = new ConcurrentHashMap<>();

    public GitLabOAuthClient(GitLabConfig config) {
        this.config = config;
    }

    /** The OIDC claims of the token's user. */
    public GitLabUserInfo userInfo(String instanceUrl, String accessToken) {
        return call(instanceUrl, "userinfo", client -> client.userInfo(bearer(accessToken)));
    }

    /** The token's scopes and remaining lifetime. */
    public GitLabTokenInfo tokenInfo(String instanceUrl, String accessToken) {
        return call(instanceUrl, "token info", client -> client.tokenInfo(bearer(accessToken)));
    }

    private <T> T call(String instanceUrl, String what, Function<GitLabOAuthRestClient, T> request) {
        try {
            return request.apply(client(instanceUrl));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                throw new GitLabUnavailableException("GitLab " + what + " failed with " + status, e);
            }
            throw new GitLabRejectedException(status, "GitLab refused " + what + " with " + status);
        } catch (ProcessingException e) {
            throw new GitLabUnavailableException("GitLab " + what + " unreachable", e);
        }
    }

    private GitLabOAuthRestClient client(String instanceUrl) {
        return clients.computeIfAbsent(instanceUrl, url -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(GitLabOAuthRestClient.class));
    }

    private static String bearer(String accessToken) {
        return "Bearer " + accessToken;
    }
}
