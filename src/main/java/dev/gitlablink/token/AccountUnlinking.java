package dev.gitlablink.token;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gitlablink.account.AccountTokenStore;
import dev.gitlablink.account.LinkedAccount;
import dev.gitlablink.account.LinkedAccountRepository;
import dev.gitlablink.gitlab.GitLabException;
import dev.gitlablink.gitlab.GitLabForbiddenException;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.gitlab.GitLabRejectedException;
import dev.gitlablink.gitlab.GitLabTokenRejectedException;
import io.quarkus.logging.Log;

/**
 * Unlinks a user's GitLab account: revokes the grant at GitLab (the current token pair, and the previous one
 * that GitLab keeps alive until the current access token is first used), then deletes the link and its
 * encrypted tokens. Both happen in one transaction holding the account row's lock
 * ({@code SELECT ... FOR UPDATE}), so no refresh on any replica rotates the tokens in between. If GitLab
 * cannot be reached, throttles the calls or answers anything unexpected, nothing changes and the user can try
 * again; if GitLab refuses the revocation because the grant belongs to another OAuth application (403), the
 * link is removed anyway, because the user asked for it and the service can never revoke that grant.
 */
@ApplicationScoped
public class AccountUnlinking {

    private static final String REFRESH_TOKEN_HINT = "refresh_token";

    private final LinkedAccountRepository accounts;
    private final AccountTokenStore tokenStore;
    private final GitLabOAuthClient oauth;
    private final TokenService tokens;

    AccountUnlinking(LinkedAccountRepository accounts, AccountTokenStore tokenStore, GitLabOAuthClient oauth,
            TokenService tokens) {
        this.accounts = accounts;
        this.tokenStore = tokenStore;
        this.oauth = oauth;
        this.tokens = tokens;
    }

    /**
     * Unlinks {@code accountId} if {@code userId} owns it. Fails with {@link AccountNotFoundException} when the
     * account is not the user's (or does not exist), and with a {@link GitLabException}
     * when GitLab could not be reached, throttled the call or failed it (the account is then unchanged).
     */
    public void unlink(UUID userId, UUID accountId) {
        revokeAndDelete(userId, accountId);
        // After the commit: the next read of this account, here or after a cache miss, finds no row.
        tokens.evict(accountId);
        Log.infof("Unlinked account %s of app user %s", accountId, userId);
    }

    @Transactional
    void revokeAndDelete(UUID userId, UUID accountId) {
        LinkedAccount account = accounts.findForUpdate(accountId)
                .filter(found -> found.user.id.equals(userId))
                .orElseThrow(() -> new AccountNotFoundException(accountId));
        // After a refresh GitLab keeps the previous pair valid until the new access token is first used; using
        // it once (token info) ends that pair, which revoking the current pair alone would leave alive.
        Optional<String> accessToken = tokenStore.accessToken(account);
        accessToken.ifPresent(access -> endPreviousPair(account, access));
        // Revoking either token of a pair revokes both at GitLab; the refresh token is the one that lives on.
        Optional<String> refreshToken = tokenStore.refreshToken(account);
        Optional<String> token = refreshToken.or(() -> accessToken);
        if (token.isPresent()) {
            revoke(account, token.get(), refreshToken.isPresent() ? REFRESH_TOKEN_HINT : null);
        }
        accounts.delete(account);
    }

    private void endPreviousPair(LinkedAccount account, String accessToken) {
        try {
            oauth.tokenInfo(account.instance.baseUrl, accessToken);
        } catch (GitLabException failed) {
            // An expired or revoked access token is refused, and that use still ends the previous pair. Anything
            // else (429, 5xx, an unreadable answer) aborts the unlink.
            if (!refusesTheToken(failed)) {
                throw failed;
            }
            Log.debugf("GitLab refused the access token of account %s while unlinking (%s)", account.id,
                    failed.getMessage());
        }
    }

    /** GitLab's answer to an expired or revoked token at token info: 401, or 400 on older GitLab versions. */
    private static boolean refusesTheToken(GitLabException failed) {
        return failed instanceof GitLabTokenRejectedException
                || failed instanceof GitLabRejectedException rejected && rejected.status() == 400;
    }

    private void revoke(LinkedAccount account, String token, String hint) {
        try {
            oauth.revoke(account.instance.baseUrl, token, hint);
        } catch (GitLabForbiddenException otherApplication) {
            // 403 unauthorized_client: the grant belongs to another OAuth application, so this service can never
            // revoke it. Only this refusal unlinks anyway; a throttled or failed revocation changes nothing.
            Log.warnf("GitLab %s refused to revoke the grant of account %s (%s); unlinking anyway",
                    account.instance.baseUrl, account.id, otherApplication.getMessage());
        }
    }
}
