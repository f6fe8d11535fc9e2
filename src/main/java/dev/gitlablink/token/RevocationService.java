package dev.gitlablink.token;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.GrantedTokens;
import dev.gitlablink.gitlab.GitLabException;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.revocation.RevocationOutbox;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Gives up a token pair the service got from GitLab but will not keep, outside any transaction of the caller's
 * (the pair of a refresh that lost its lease, of a sign-in that failed after the code exchange): it goes into the
 * revocation outbox in a transaction of its own. Should the database refuse that too, one direct attempt at
 * GitLab is the last resort, and a pair GitLab does not confirm then is logged.
 */
@ApplicationScoped
public class RevocationService {

    private static final String REFRESH_TOKEN_HINT = "refresh_token";

    private final RevocationOutbox outbox;
    private final GitLabOAuthClient oauth;

    RevocationService(RevocationOutbox outbox, GitLabOAuthClient oauth) {
        this.outbox = outbox;
        this.oauth = oauth;
    }

    /** Revokes {@code pair} at the GitLab at {@code instanceUrl}; {@code why} is for the log. */
    public void revoke(String instanceUrl, GrantedTokens pair, String why) {
        giveUp(instanceUrl, pair.accessToken(), pair.refreshToken(), why);
    }

    /** Revokes the pair of these tokens (either may be null) at the GitLab at {@code instanceUrl}. */
    public void giveUp(String instanceUrl, String accessToken, String refreshToken, String why) {
        try {
            QuarkusTransaction.requiringNew().run(() -> outbox.enqueueUnstored(instanceUrl, accessToken,
                    refreshToken, why));
        } catch (RuntimeException databaseFailed) {
            Log.warnf("Could not enqueue the revocation of a token pair (%s): %s; trying GitLab directly", why,
                    databaseFailed.toString());
            revokeNow(instanceUrl, refreshToken != null ? refreshToken : accessToken,
                    refreshToken != null ? REFRESH_TOKEN_HINT : null, why);
        }
    }

    private void revokeNow(String instanceUrl, String token, String hint, String why) {
        if (token == null) {
            return;
        }
        try {
            oauth.revoke(instanceUrl, token, hint);
            Log.infof("Revoked a token pair at %s (%s)", instanceUrl, why);
        } catch (GitLabException failed) {
            Log.warnf("GitLab %s did not revoke a token pair (%s): %s; it stays valid until it is revoked there",
                    instanceUrl, why, failed.getMessage());
        }
    }
}
