package dev.gitlablink.gitlab;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

/**
 * Calls GitLab's OAuth endpoints of a given instance. Errors arrive as {@link GitLabException}s
 * (see {@link GitLabErrors}).
 */
@ApplicationScoped
public class GitLabOAuthClient {

    private final GitLabConfig config;
    private final GitLabRestClients clients;

    public GitLabOAuthClient(GitLabConfig config, GitLabRestClients clients) {
        this.config = config;
        this.clients = clients;
    }

    /** The OIDC claims of the token's user. */
    public GitLabUserInfo userInfo(String instanceUrl, String accessToken) {
        return call(instanceUrl, "userinfo", client -> client.userInfo(bearer(accessToken)));
    }

    /** The token's scopes and remaining lifetime. */
    public GitLabTokenInfo tokenInfo(String instanceUrl, String accessToken) {
        return call(instanceUrl, "token info", client -> client.tokenInfo(bearer(accessToken)));
    }

    /** A new token pair for {@code refreshToken}; {@link GitLabGrantRevokedException} when GitLab refuses it. */
    public GitLabTokenResponse refresh(String instanceUrl, String refreshToken) {
        return call(instanceUrl, "token refresh", client -> client.refresh("refresh_token", refreshToken,
                config.clientId(), config.clientSecret()));
    }

    /** Revokes {@code token} (access or refresh) and its pair at GitLab. */
    public void revoke(String instanceUrl, String token, String tokenTypeHint) {
        call(instanceUrl, "token revocation", client -> {
            client.revoke(token, tokenTypeHint, config.clientId(), config.clientSecret());
            return null;
        });
    }

    private <T> T call(String instanceUrl, String what, Function<GitLabOAuthRestClient, T> request) {
        try {
            return request.apply(clients.oauth(instanceUrl));
        } catch (ProcessingException e) {
            if (e.getCause() instanceof GitLabException gitLab) {
                throw gitLab;
            }
            throw GitLabErrors.transportFailure(what, e);
        }
    }

    private static String bearer(String accessToken) {
        return "Bearer " + accessToken;
    }
}
