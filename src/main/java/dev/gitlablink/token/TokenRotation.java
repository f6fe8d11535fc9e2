package dev.gitlablink.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.gitlablink.account.AccountStatus;
import dev.gitlablink.account.AccountTokenStore;
import dev.gitlablink.account.GrantedTokens;
import dev.gitlablink.account.LinkedAccount;
import dev.gitlablink.account.LinkedAccountRepository;
import dev.gitlablink.gitlab.GitLabGrantRevokedException;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.gitlab.GitLabTokenResponse;
import io.quarkus.logging.Log;

/**
 * One refresh of one account's tokens, in one transaction holding the account row's lock
 * ({@code SELECT ... FOR UPDATE}): replicas sharing the database queue here, and whoever comes second
 * finds the rotated token and uses it instead of refreshing again. The rotated refresh token is written
 * in the same transaction as the new access token.
 */
@ApplicationScoped
class TokenRotation {

    private final LinkedAccountRepository accounts;
    private final AccountTokenStore tokenStore;
    private final GitLabOAuthClient oauth;
    private final TokenConfig config;
    private final Event<TokensRefreshed> refreshed;
    private final Clock clock;

    TokenRotation(LinkedAccountRepository accounts, AccountTokenStore tokenStore, GitLabOAuthClient oauth,
            TokenConfig config, Event<TokensRefreshed> refreshed, Clock clock) {
        this.accounts = accounts;
        this.tokenStore = tokenStore;
        this.oauth = oauth;
        this.config = config;
        this.refreshed = refreshed;
        this.clock = clock;
    }

    /** Refreshes unless the stored token already differs from {@code staleAccessToken} and is not about to expire. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    RefreshOutcome refreshIfStale(UUID accountId, String staleAccessToken) {
        LinkedAccount account = accounts.findForUpdate(accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
        if (account.status == AccountStatus.REAUTH_REQUIRED) {
            return new RefreshOutcome.GrantRevoked();
        }
        Instant now = clock.instant();
        Optional<String> current = tokenStore.accessToken(account);
        if (current.isPresent() && !current.get().equals(staleAccessToken) && !expiresSoon(account, now)) {
            return new RefreshOutcome.Usable(current.get());
        }
        Optional<String> refreshToken = tokenStore.refreshToken(account);
        if (refreshToken.isEmpty()) {
            return markReauthRequired(account, now, "no refresh token");
        }
        GitLabTokenResponse response;
        try {
            response = oauth.refresh(account.instance.baseUrl, refreshToken.get());
        } catch (GitLabGrantRevokedException revoked) {
            return markReauthRequired(account, now, "GitLab refused the refresh token");
        }
        long expiresIn = response.expiresIn() == null ? 0 : response.expiresIn();
        String scopes = response.scope() == null || response.scope().isBlank() ? account.scopes : response.scope();
        tokenStore.store(account, new GrantedTokens(response.accessToken(), response.refreshToken(),
                now.plusSeconds(expiresIn), scopes));
        account.updatedAt = now;
        refreshed.fire(new TokensRefreshed(accountId));
        Log.infof("Refreshed GitLab tokens of account %s", accountId);
        return new RefreshOutcome.Usable(response.accessToken());
    }

    private boolean expiresSoon(LinkedAccount account, Instant now) {
        return TokenExpiry.expiresSoon(account.accessTokenExpiresAt, now, config.refreshSkew());
    }

    private RefreshOutcome markReauthRequired(LinkedAccount account, Instant now, String why) {
        account.status = AccountStatus.REAUTH_REQUIRED;
        account.updatedAt = now;
        Log.infof("Account %s needs a new GitLab sign-in: %s", account.id, why);
        return new RefreshOutcome.GrantRevoked();
    }
}
