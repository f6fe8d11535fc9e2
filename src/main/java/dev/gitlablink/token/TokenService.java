package dev.gitlablink.token;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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
    /** Recently read accounts, by account id, so most requests neither query nor decrypt. */
    private final Cache<UUID, StoredAccess> recent;

    public TokenService(LinkedAccountRepository accounts, AccountTokenStore tokenStore, TokenRefresher refresher,
            TokenConfig config, Clock clock) {
        this.accounts = accounts;
        this.tokenStore = tokenStore;
        this.refresher = refresher;
        this.config = config;
        this.clock = clock;
        this.recent = Caffeine.newBuilder()
                .expireAfterWrite(config.cacheTtl())
                .maximumSize(config.cacheTtl().isZero() ? 0 : 100_000)
                .build();
    }

    /** What one account read yields: its owner, instance and current access token. */
    private record StoredAccess(UUID userId, String instanceUrl, String accessToken, Instant expiresAt) {

        @Override
        public String toString() {
            return "StoredAccess[" + userId + ", " + instanceUrl + "]";
        }
    }

    /** Forgets what is cached for the account, so the next request reads the database again. */
    public void evict(UUID accountId) {
        recent.invalidate(accountId);
    }

    /**
     * Tokens for {@code accountId} if {@code userId} owns it.
     *
     * @throws AccountNotFoundException when the account is not the user's (or does not exist)
     * @throws GitLabReauthRequiredException when the account needs a new GitLab sign-in
     */
    public AccessTokenSource forOwnedAccount(UUID userId, UUID accountId) {
        StoredAccess stored = recent.getIfPresent(accountId);
        if (stored == null) {
            stored = read(accountId);
            recent.put(accountId, stored);
        }
        if (!stored.userId().equals(userId)) {
            throw new AccountNotFoundException(accountId);
        }
        return new AccountTokenSource(accountId, stored.instanceUrl(), stored.accessToken(), stored.expiresAt());
    }

    private StoredAccess read(UUID accountId) {
        LinkedAccount account = accounts.findByIdOptional(accountId)
                .orElseThrow(() -> new AccountNotFoundException(accountId));
        if (account.status == AccountStatus.REAUTH_REQUIRED) {
            throw new GitLabReauthRequiredException(accountId);
        }
        return new StoredAccess(account.user.id, account.instance.baseUrl, tokenStore.accessToken(account).orElse(""),
                account.accessTokenExpiresAt);
    }

    private String refreshed(UUID accountId, String staleAccessToken) {
        try {
            return refresher.refresh(accountId, staleAccessToken);
        } finally {
            evict(accountId);
        }
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
            boolean expiresSoon = TokenExpiry.expiresSoon(expiresAt, clock.instant(), config.refreshSkew());
            return expiresSoon || storedToken.isEmpty() ? refreshed(accountId, storedToken) : storedToken;
        }

        @Override
        public String renewAfterRejection(String rejectedAccessToken) {
            return refreshed(accountId, rejectedAccessToken);
        }

        @Override
        public String toString() {
            return "AccountTokenSource[" + accountId + "]";
        }
    }
}
