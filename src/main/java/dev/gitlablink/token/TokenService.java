package dev.gitlablink.token;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gitlablink.account.AccountStatus;
import dev.gitlablink.account.AccountTokenStore;
import dev.gitlablink.account.LinkedAccount;
import dev.gitlablink.account.LinkedAccountRepository;
import dev.gitlablink.gitlab.AccessTokenSource;

/**
 * Hands out GitLab access tokens for a user's linked account: the stored one while it lives, a
 * refreshed one shortly before it expires or after GitLab rejected it.
 */
@ApplicationScoped
public class TokenService {

    private final LinkedAccountRepository accounts;
    private final AccountTokenStore tokenStore;
    private final TokenRefresher refresher;
    private final TokenConfig config;
    private final Clock clock;

    public TokenService(LinkedAccountRepository accounts, AccountTokenStore tokenStore, TokenRefresher refresher,
            TokenConfig config, Clock clock) {
        this.accounts = accounts;
        this.tokenStore = tokenStore;
        this.refresher = refresher;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Tokens for {@code accountId} if {@code userId} owns it.
     *
     * @throws AccountNotFoundException when the account is not the user's (or does not exist)
     * @throws GitLabReauthRequiredException when the account needs a new GitLab sign-in
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AccessTokenSource forOwnedAccount(UUID userId, UUID accountId) {
        LinkedAccount account = accounts.findOwned(userId, accountId)
                .orElseThrow(() -> new AccountNotFoundException(accountId));
        if (account.status == AccountStatus.REAUTH_REQUIRED) {
            throw new GitLabReauthRequiredException(accountId);
        }
        String accessToken = tokenStore.accessToken(account).orElse("");
        return new AccountTokenSource(accountId, account.instance.baseUrl, accessToken, account.accessTokenExpiresAt);
    }

    /** The token source of one account within one request. */
    private final class AccountTokenSource implements AccessTokenSource {

        private final UUID accountId;
        private final String instanceUrl;
        private final String storedToken;
        private final Instant expiresAt;

        private AccountTokenSource(UUID accountId, String instanceUrl, String storedToken, Instant expiresAt) {
            this.accountId = accountId;
            this.instanceUrl = instanceUrl;
            this.storedToken = storedToken;
            this.expiresAt = expiresAt;
        }

        @Override
        public String instanceUrl() {
            return instanceUrl;
        }

        @Override
        public String accessToken() {
            boolean expiresSoon = expiresAt == null || !expiresAt.isAfter(clock.instant().plus(config.refreshSkew()));
            return expiresSoon || storedToken.isEmpty() ? refresher.refresh(accountId, storedToken) : storedToken;
        }

        @Override
        public String renewAfterRejection(String rejectedAccessToken) {
            return refresher.refresh(accountId, rejectedAccessToken);
        }

        @Override
        public String toString() {
            return "AccountTokenSource[" + accountId + "]";
        }
    }
}
