package dev.gitlablink.token;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gitlablink.account.AccountTokenStore;
import dev.gitlablink.account.LinkedAccount;
import dev.gitlablink.account.LinkedAccountRepository;
import dev.gitlablink.gitlab.GitLabException;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.gitlab.GitLabUnavailableException;
import io.quarkus.logging.Log;

/**
 * Unlinks a user's GitLab account: revokes the grant at GitLab, then deletes the link and its encrypted
 * tokens. Both happen in one transaction holding the account row's lock ({@code SELECT ... FOR UPDATE}), so no
 * refresh on any replica rotates the tokens in between. If GitLab cannot be reached nothing changes and the
 * user can try again; if GitLab refuses the revocation (the grant belongs to another OAuth application) the
 * link is removed anyway, because the user asked for it and the service can no longer act for the account.
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
     * account is not the user's (or does not exist), and with {@link GitLabUnavailableException} when GitLab
     * could not be reached (the account is then unchanged).
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
        // Revoking either token of a pair revokes both at GitLab; the refresh token is the one that lives on.
        Optional<String> refreshToken = tokenStore.refreshToken(account);
        Optional<String> token = refreshToken.or(() -> tokenStore.accessToken(account));
        if (token.isPresent()) {
            revoke(account, token.get(), refreshToken.isPresent() ? REFRESH_TOKEN_HINT : null);
        }
        accounts.delete(account);
    }

    private void revoke(LinkedAccount account, String token, String hint) {
        try {
            oauth.revoke(account.instance.baseUrl, token, hint);
        } catch (GitLabUnavailableException unavailable) {
            throw unavailable;
        } catch (GitLabException refused) {
            Log.warnf("GitLab %s refused to revoke the grant of account %s (%s); unlinking anyway",
                    account.instance.baseUrl, account.id, refused.getMessage());
        }
    }
}
