package dev.gitlablink.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.gitlablink.account.AccountForbidden;
import dev.gitlablink.account.AccountStatus;
import dev.gitlablink.account.AccountTokenStore;
import dev.gitlablink.account.LinkedAccount;
import dev.gitlablink.account.LinkedAccountRepository;
import dev.gitlablink.common.ReadThroughCache;
import dev.gitlablink.crypto.TokenCryptoException;
import dev.gitlablink.gitlab.AccessTokenSource;
import io.quarkus.logging.Log;
import dev.gitlablink.gitlab.GitLabInstanceRemovedException;
import dev.gitlablink.gitlab.GitLabInstances;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.virtual.threads.VirtualThreads;
import io.smallrye.mutiny.Uni;

/**
 * Hands out GitLab access tokens for a user's linked account: the stored one while it lives, a
 * refreshed one shortly before it expires or after GitLab rejected it. Recently read accounts are answered
 * from memory on the calling (I/O) thread; reading the database and refreshing run on virtual threads.
 */
@ApplicationScoped
public class TokenService {

    private final LinkedAccountRepository accounts;
    private final AccountTokenStore tokenStore;
    private final TokenRefresher refresher;
    private final TokenRotation rotation;
    private final TokenConfig config;
    private final GitLabInstances instances;
    private final Clock clock;
    /**
     * Recently read accounts, by account id, so most requests neither query nor decrypt. Concurrent misses
     * of one account share one database read; failed reads are not kept.
     */
    private final ReadThroughCache<UUID, StoredAccess> recent;

    public TokenService(LinkedAccountRepository accounts, AccountTokenStore tokenStore, TokenRefresher refresher,
            TokenRotation rotation, TokenConfig config, GitLabInstances instances, Clock clock,
            @VirtualThreads ExecutorService blocking) {
        this.rotation = rotation;
        this.accounts = accounts;
        this.tokenStore = tokenStore;
        this.refresher = refresher;
        this.config = config;
        this.instances = instances;
        this.clock = clock;
        this.recent = new ReadThroughCache<>(config.cacheTtl(), blocking, this::read);
    }

    /** What one account read yields: its owner, instance and current access token. */
    private record StoredAccess(UUID userId, String instanceUrl, String accessToken, Instant expiresAt,
            List<String> scopes) {

        @Override
        public String toString() {
            return "StoredAccess[" + userId + ", " + instanceUrl + "]";
        }
    }

    /** A forbidden account's cached token is not used again once the change commits. */
    void onForbidden(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountForbidden forbidden) {
        evict(forbidden.accountId());
    }

    /**
     * Narrows the grant of {@code accountId} to {@code scopes} (space-separated, a subset of the granted ones, checked
     * by the caller) with a refresh asking for only them; blocking. Fails with {@link GitLabReauthRequiredException}
     * when GitLab no longer accepts the grant, and with {@link AccountForbiddenException} when the access policy forbade
     * the account (or forbids it at this refresh).
     */
    public void narrow(UUID accountId, String scopes) {
        try {
            switch (rotation.narrow(accountId, scopes)) {
                case RefreshOutcome.GrantRevoked revoked -> throw new GitLabReauthRequiredException(accountId);
                case RefreshOutcome.Forbidden forbidden -> throw new AccountForbiddenException(accountId);
                case RefreshOutcome.Usable usable -> {
                    // Narrowed: the new pair is stored.
                }
            }
        } finally {
            evict(accountId);
        }
    }

    /** Forgets what is cached for the account, so the next request reads the database again. */
    public void evict(UUID accountId) {
        recent.invalidate(accountId);
    }

    /**
     * Tokens for {@code accountId} if {@code userId} owns it. Fails with {@link AccountNotFoundException}
     * when the account is not the user's (or does not exist), and with {@link GitLabReauthRequiredException}
     * when the account needs a new GitLab sign-in, and with {@link GitLabInstanceRemovedException} when its instance is
     * no longer configured.
     */
    public Uni<AccessTokenSource> forOwnedAccount(UUID userId, UUID accountId) {
        // A failed read fails the Uni with what read threw: AccountNotFoundException & co.
        return recent.get(accountId)
                .map(access -> {
                    if (!access.userId().equals(userId)) {
                        throw new AccountNotFoundException(accountId);
                    }
                    instances.require(access.instanceUrl());
                    return new AccountTokenSource(accountId, access.instanceUrl(), access.accessToken(),
                            access.expiresAt(), access.scopes());
                });
    }

    private StoredAccess read(UUID accountId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            LinkedAccount account = accounts.findByIdOptional(accountId)
                    .orElseThrow(() -> new AccountNotFoundException(accountId));
            if (account.status == AccountStatus.REAUTH_REQUIRED) {
                throw new GitLabReauthRequiredException(accountId);
            }
            if (account.status == AccountStatus.FORBIDDEN) {
                throw new AccountForbiddenException(accountId);
            }
            String accessToken;
            try {
                accessToken = tokenStore.accessToken(account).orElse("");
            } catch (TokenCryptoException unreadable) {
                // Its key was removed, or the row is corrupt: only a new sign-in (which stores new tokens) helps.
                // Marked in a transaction of its own, since the exception below rolls this one back.
                long version = account.version;
                QuarkusTransaction.requiringNew().run(() -> accounts.markReauthRequired(accountId, version,
                        clock.instant()));
                Log.warnf("Account %s needs a new GitLab sign-in: its tokens cannot be decrypted (%s)", accountId,
                        unreadable.getMessage());
                throw new GitLabReauthRequiredException(accountId);
            }
            return new StoredAccess(account.user.id, account.instance.baseUrl, accessToken,
                    account.accessTokenExpiresAt, account.scopes == null || account.scopes.isBlank() ? List.of()
                            : List.of(account.scopes.trim().split("\\s+")));
        });
    }

    private Uni<String> refreshed(UUID accountId, String staleAccessToken) {
        return refresher.refresh(accountId, staleAccessToken).onTermination().invoke(() -> evict(accountId));
    }

    /** The token source of one account within one request. */
    private final class AccountTokenSource implements AccessTokenSource {

        private final UUID accountId;
        private final String instanceUrl;
        private final String storedToken;
        private final Instant expiresAt;
        private final List<String> scopes;

        private AccountTokenSource(UUID accountId, String instanceUrl, String storedToken, Instant expiresAt,
                List<String> scopes) {
            this.accountId = accountId;
            this.instanceUrl = instanceUrl;
            this.storedToken = storedToken;
            this.expiresAt = expiresAt;
            this.scopes = scopes;
        }

        @Override
        public String instanceUrl() {
            return instanceUrl;
        }

        @Override
        public List<String> grantedScopes() {
            return scopes;
        }

        @Override
        public Uni<String> accessToken() {
            boolean expiresSoon = TokenExpiry.expiresSoon(expiresAt, clock.instant(), config.refreshSkew());
            return expiresSoon || storedToken.isEmpty() ? refreshed(accountId, storedToken)
                    : Uni.createFrom().item(storedToken);
        }

        @Override
        public Uni<String> renewAfterRejection(String rejectedAccessToken) {
            return refreshed(accountId, rejectedAccessToken);
        }

        @Override
        public String toString() {
            return "AccountTokenSource[" + accountId + "]";
        }
    }
}
