package dev.gitlablink.token;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.GrantedTokens;
import dev.gitlablink.gitlab.GitLabException;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import io.quarkus.logging.Log;

/**
 * Gives up a token pair the service got from GitLab but will not keep, such as the pair of a refresh that lost its
 * lease: revoking either token of a pair revokes both. The one place a pair is given up, so that a durable outbox
 * can take over its body; today it is one attempt, and a pair GitLab does not confirm is logged.
 */
@ApplicationScoped
public class RevocationService {

    private static final String REFRESH_TOKEN_HINT = "refresh_token";

    private final GitLabOAuthClient oauth;

    RevocationService(GitLabOAuthClient oauth) {
        this.oauth = oauth;
    }

    /** Revokes {@code pair} at the GitLab at {@code instanceUrl}; {@code why} is for the log. */
    public void revoke(String instanceUrl, GrantedTokens pair, String why) {
        boolean byRefreshToken = pair.refreshToken() != null;
        try {
            oauth.revoke(instanceUrl, byRefreshToken ? pair.refreshToken() : pair.accessToken(),
                    byRefreshToken ? REFRESH_TOKEN_HINT : null);
            Log.infof("Revoked a token pair at %s (%s)", instanceUrl, why);
        } catch (GitLabException failed) {
            Log.warnf("GitLab %s did not revoke a token pair (%s): %s; it stays valid until it is revoked there",
                    instanceUrl, why, failed.getMessage());
        }
    }
}
