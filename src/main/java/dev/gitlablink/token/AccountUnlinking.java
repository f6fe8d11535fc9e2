package dev.gitlablink.token;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.AccountLeases;
import dev.gitlablink.gitlab.GitLabException;
import dev.gitlablink.gitlab.GitLabForbiddenException;
import dev.gitlablink.gitlab.GitLabInstances;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.gitlab.GitLabRejectedException;
import dev.gitlablink.gitlab.GitLabTokenRejectedException;
import dev.gitlablink.revocation.RevocationOutbox;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Unlinks a user's GitLab account: revokes the grant at GitLab (the current token pair, and the previous one
 * that GitLab keeps alive until the current access token is first used), then deletes the link and its
 * encrypted tokens. It holds the account's lease ({@link AccountLease}) throughout, so no refresh on any replica
 * rotates the tokens in between, but no transaction while GitLab answers; the row is deleted only while the lease
 * is still held and the row unchanged, else the revocation is repeated on what the row holds now.
 *
 * <p>The revocation is tried at once, so that in the usual case the grant is dead when the user sees the answer. If
 * GitLab cannot be reached, throttles the calls or answers anything unexpected, the pair goes into the revocation
 * outbox in the transaction that deletes the row, and the outbox retries it until GitLab confirms: the user's unlink
 * succeeds and the grant is still not lost. If GitLab refuses the revocation because the grant belongs to another
 * OAuth application (403), the link is removed anyway, because the user asked for it and the service can never
 * revoke that grant. An account whose tokens cannot be decrypted (its key removed, a corrupt row) is unlinked
 * without a revocation, since there is nothing to revoke with. The link of an instance removed from the configuration is deleted without a
 * revocation too: there is no OAuth application left to revoke its grant with.
 */
@ApplicationScoped
public class AccountUnlinking {

    private static final String REFRESH_TOKEN_HINT = "refresh_token";
    /** GitLab calls an unlink makes under its lease: token info, then revoke. */
    private static final int GITLAB_CALLS = 2;
    /** Times the row may change under an unlink before it gives up (a sign-in storing a new pair, say). */
    private static final int ATTEMPTS = 3;

    private final AccountLease lease;
    private final AccountLeases leases;
    private final GitLabOAuthClient oauth;
    private final TokenService tokens;
    private final RevocationOutbox outbox;
    private final GitLabInstances instances;

    AccountUnlinking(AccountLease lease, AccountLeases leases, GitLabOAuthClient oauth, TokenService tokens,
            RevocationOutbox outbox, GitLabInstances instances) {
        this.outbox = outbox;
        this.lease = lease;
        this.leases = leases;
        this.oauth = oauth;
        this.tokens = tokens;
        this.instances = instances;
    }

    /**
     * Unlinks {@code accountId} if {@code userId} owns it. Fails with {@link AccountNotFoundException} when the
     * account is not the user's (or does not exist).
     */
    public void unlink(UUID userId, UUID accountId) {
        for (int attempt = 1; !revokeAndDelete(userId, accountId); attempt++) {
            if (attempt == ATTEMPTS) {
                throw new AccountBusyException(accountId);
            }
            Log.infof("Account %s changed while it was being unlinked; revoking what it holds now", accountId);
        }
        // After the commit: the next read of this account, here or after a cache miss, finds no row.
        tokens.evict(accountId);
        Log.infof("Unlinked account %s of app user %s", accountId, userId);
    }

    /** One attempt; {@code false} when the lease was lost or the row changed before the delete. */
    private boolean revokeAndDelete(UUID userId, UUID accountId) {
        LeaseClaim claim = lease.claim(accountId, GITLAB_CALLS, account -> {
            if (!account.user.id.equals(userId)) {
                throw new AccountNotFoundException(accountId);
            }
        });
        boolean revoked = revokeNow(claim);
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> {
            boolean done = leases.delete(accountId, claim.owner(), claim.version());
            if (done && !revoked) {
                outbox.enqueue(claim.instanceUrl(), claim.accessToken(), claim.refreshToken(),
                        "an unlink GitLab did not confirm");
            }
            return done;
        });
        if (!deleted) {
            // The row changed under the lease; the next attempt claims it again and must not wait for this one.
            lease.release(claim);
        }
        return deleted;
    }

    /** {@code true} when nothing is left to revoke; {@code false} when the outbox must take over. */
    private boolean revokeNow(LeaseClaim claim) {
        if (claim.unreadable()) {
            Log.warnf("Unlinking account %s without revoking its grant at GitLab: its tokens cannot be decrypted",
                    claim.accountId());
            return true;
        }
        try {
            revoke(claim);
            return true;
        } catch (GitLabException failed) {
            Log.infof("GitLab did not confirm the revocation of account %s (%s); the revocation outbox retries it",
                    claim.accountId(), failed.getMessage());
            return false;
        } catch (RuntimeException failed) {
            lease.release(claim);
            throw failed;
        }
    }

    private void revoke(LeaseClaim claim) {
        if (instances.byUrl(claim.instanceUrl()).isEmpty()) {
            // The instance was removed from the configuration: there is no OAuth application left to revoke with.
            Log.warnf("Unlinking account %s of the removed GitLab instance %s without revoking its grant",
                    claim.accountId(), claim.instanceUrl());
            return;
        }
        // After a refresh GitLab keeps the previous pair valid until the new access token is first used; using
        // it once (token info) ends that pair, which revoking the current pair alone would leave alive.
        if (claim.accessToken() != null) {
            endPreviousPair(claim, claim.accessToken());
        }
        // Revoking either token of a pair revokes both at GitLab; the refresh token is the one that lives on.
        String token = claim.refreshToken() != null ? claim.refreshToken() : claim.accessToken();
        if (token != null) {
            revoke(claim, token, claim.refreshToken() != null ? REFRESH_TOKEN_HINT : null);
        }
    }

    private void endPreviousPair(LeaseClaim claim, String accessToken) {
        try {
            oauth.tokenInfo(claim.instanceUrl(), accessToken);
        } catch (GitLabException failed) {
            // An expired or revoked access token is refused, and that use still ends the previous pair. Anything
            // else (429, 5xx, an unreadable answer) aborts the unlink.
            if (!refusesTheToken(failed)) {
                throw failed;
            }
            Log.debugf("GitLab refused the access token of account %s while unlinking (%s)", claim.accountId(),
                    failed.getMessage());
        }
    }

    /** GitLab's answer to an expired or revoked token at token info: 401, or 400 on older GitLab versions. */
    private static boolean refusesTheToken(GitLabException failed) {
        return failed instanceof GitLabTokenRejectedException
                || failed instanceof GitLabRejectedException rejected && rejected.status() == 400;
    }

    private void revoke(LeaseClaim claim, String token, String hint) {
        try {
            oauth.revoke(claim.instanceUrl(), token, hint);
        } catch (GitLabForbiddenException otherApplication) {
            // 403 unauthorized_client: the grant belongs to another OAuth application, so this service can never
            // revoke it. Only this refusal unlinks anyway; a throttled or failed revocation changes nothing.
            Log.warnf("GitLab %s refused to revoke the grant of account %s (%s); unlinking anyway",
                    claim.instanceUrl(), claim.accountId(), otherApplication.getMessage());
        }
    }
}
