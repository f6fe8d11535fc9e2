package dev.gitlablink.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.gitlablink.account.AccountLeases;
import dev.gitlablink.account.AccountStatus;
import dev.gitlablink.account.AccountTokenStore;
import dev.gitlablink.account.GrantedTokens;
import dev.gitlablink.account.LinkedAccount;
import dev.gitlablink.crypto.TokenCryptoException;
import dev.gitlablink.gitlab.GitLabGrantRevokedException;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.gitlab.GitLabTokenResponse;
import dev.gitlablink.revocation.RevocationOutbox;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * One refresh of one account's tokens under the account's lease ({@link AccountLease}): replicas sharing the
 * database take turns, and whoever comes second finds the rotated token and uses it instead of refreshing again.
 * No transaction is open while GitLab answers; the new access token and the rotated refresh token are written
 * together, and only while the lease is still held. A refresh that lost its lease revokes the pair it got.
 */
@ApplicationScoped
class TokenRotation {

    /** Lost leases in a row before giving up; each loss means someone else changed the row meanwhile. */
    private static final int ATTEMPTS = 3;

    private final AccountLease lease;
    private final AccountLeases leases;
    private final AccountTokenStore tokenStore;
    private final GitLabOAuthClient oauth;
    private final RevocationService revocations;
    private final RevocationOutbox outbox;
    private final TokenConfig config;
    private final Event<TokensRefreshed> refreshed;
    private final RefreshedGrantCheck grantCheck;
    private final Clock clock;

    TokenRotation(AccountLease lease, AccountLeases leases, AccountTokenStore tokenStore, GitLabOAuthClient oauth,
            RevocationService revocations, RevocationOutbox outbox, TokenConfig config, Event<TokensRefreshed> refreshed,
            RefreshedGrantCheck grantCheck, Clock clock) {
        this.grantCheck = grantCheck;
        this.lease = lease;
        this.leases = leases;
        this.tokenStore = tokenStore;
        this.oauth = oauth;
        this.revocations = revocations;
        this.outbox = outbox;
        this.config = config;
        this.refreshed = refreshed;
        this.clock = clock;
    }

    /** Refreshes unless the stored token already differs from {@code staleAccessToken} and is not about to expire. */
    @WithSpan("gitlab-link token refresh")
    RefreshOutcome refreshIfStale(UUID accountId, String staleAccessToken) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<RefreshOutcome> outcome = switch (lease.acquire(accountId, 1,
                    account -> settle(account, staleAccessToken))) {
                case AccountLease.Acquired.Settled<RefreshOutcome> settled -> Optional.of(settled.result());
                case AccountLease.Acquired.Held<RefreshOutcome> held -> refreshHolding(held.claim(), null);
            };
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        throw new AccountBusyException(accountId);
    }

    /**
     * Refreshes asking GitLab for only {@code scopes} (space-separated, a subset of the grant's): the account's grant
     * narrows to them, and the replaced pair is revoked.
     */
    @WithSpan("gitlab-link token narrowing")
    RefreshOutcome narrow(UUID accountId, String scopes) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<RefreshOutcome> outcome = switch (lease.acquire(accountId, 1,
                    TokenRotation::settleNarrowing)) {
                case AccountLease.Acquired.Settled<RefreshOutcome> settled -> Optional.of(settled.result());
                case AccountLease.Acquired.Held<RefreshOutcome> held -> refreshHolding(held.claim(), scopes);
            };
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        throw new AccountBusyException(accountId);
    }

    /**
     * A narrowing has nothing to refresh on an account without a live grant: one that needs a new sign-in, or one the
     * access policy forbade (whose tokens were given up; refreshing would turn it into {@code reauth_required}).
     */
    private static Optional<RefreshOutcome> settleNarrowing(LinkedAccount account) {
        return switch (account.status) {
            case REAUTH_REQUIRED -> Optional.of(new RefreshOutcome.GrantRevoked());
            case FORBIDDEN -> Optional.of(new RefreshOutcome.Forbidden());
            default -> Optional.empty();
        };
    }

    /** The outcome the row gives without a refresh, if it gives one. */
    private Optional<RefreshOutcome> settle(LinkedAccount account, String staleAccessToken) {
        if (account.status == AccountStatus.REAUTH_REQUIRED) {
            return Optional.of(new RefreshOutcome.GrantRevoked());
        }
        if (account.status == AccountStatus.FORBIDDEN) {
            return Optional.of(new RefreshOutcome.Forbidden());
        }
        Instant now = clock.instant();
        Optional<String> current;
        try {
            current = tokenStore.accessToken(account);
        } catch (TokenCryptoException unreadable) {
            account.status = AccountStatus.REAUTH_REQUIRED;
            account.updatedAt = now;
            Log.warnf("Account %s needs a new GitLab sign-in: its tokens cannot be decrypted (%s)", account.id,
                    unreadable.getMessage());
            return Optional.of(new RefreshOutcome.GrantRevoked());
        }
        if (current.isPresent() && !current.get().equals(staleAccessToken)
                && !TokenExpiry.expiresSoon(account.accessTokenExpiresAt, now, config.refreshSkew())) {
            return Optional.of(new RefreshOutcome.Usable(current.get()));
        }
        if (account.refreshTokenCiphertext == null) {
            account.status = AccountStatus.REAUTH_REQUIRED;
            account.updatedAt = now;
            Log.infof("Account %s needs a new GitLab sign-in: no refresh token", account.id);
            return Optional.of(new RefreshOutcome.GrantRevoked());
        }
        return Optional.empty();
    }

    /** The refresh itself, holding the lease; empty when the lease was lost and the row must be looked at again. */
    private Optional<RefreshOutcome> refreshHolding(LeaseClaim claim, String narrowedScopes) {
        if (claim.unreadable() || claim.refreshToken() == null) {
            return markReauthRequired(claim);
        }
        GitLabTokenResponse response;
        try {
            response = narrowedScopes == null ? oauth.refresh(claim.instanceUrl(), claim.refreshToken())
                    : oauth.refreshNarrowing(claim.instanceUrl(), claim.refreshToken(), narrowedScopes);
        } catch (GitLabGrantRevokedException revoked) {
            return markReauthRequired(claim);
        } catch (RuntimeException failed) {
            // GitLab did not answer, or failed: nothing changed, and the next caller need not wait for the lease.
            lease.release(claim);
            throw failed;
        }
        GrantedTokens tokens = granted(claim, response);
        if (store(claim, tokens)) {
            Log.infof("Refreshed GitLab tokens of account %s", claim.accountId());
            // After the store, never before: the check uses the new access token, which ends the previous pair at
            // GitLab, so the row must hold the new one by then.
            if (!grantCheck.stillAllowed(claim.accountId(), claim.instanceUrl(), tokens.accessToken())) {
                return Optional.of(new RefreshOutcome.Forbidden());
            }
            return Optional.of(new RefreshOutcome.Usable(tokens.accessToken()));
        }
        Log.warnf("The refresh of account %s lost its lease before storing its tokens; revoking the pair it got",
                claim.accountId());
        revocations.revoke(claim.instanceUrl(), tokens, "a refresh that lost its lease");
        return Optional.empty();
    }

    private GrantedTokens granted(LeaseClaim claim, GitLabTokenResponse response) {
        long expiresIn = response.expiresIn() == null ? 0 : response.expiresIn();
        String scopes = response.scope() == null || response.scope().isBlank() ? claim.scopes() : response.scope();
        // GitLab always rotates the refresh token; should an answer lack one, the old one stays valid (RFC 6749).
        String refreshToken = response.refreshToken() == null ? claim.refreshToken() : response.refreshToken();
        return new GrantedTokens(response.accessToken(), refreshToken, clock.instant().plusSeconds(expiresIn),
                scopes);
    }

    /**
     * Writes the tokens if the lease is still held. A write that fails is rolled back; if the lease is then still
     * ours to release, the write certainly did not commit and the pair is revoked. Otherwise nobody can tell, and
     * the pair is left alone: GitLab keeps the previous pair valid until the new access token is first used, so the
     * row stays usable either way.
     */
    private boolean store(LeaseClaim claim, GrantedTokens tokens) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                boolean stored = leases.storeTokens(claim.accountId(), claim.owner(), claim.version(), tokens,
                        clock.instant());
                if (stored) {
                    // The replaced pair is revoked once this commits; GitLab alone would keep it until the new
                    // access token is first used, and a refresh nobody uses would leave it alive.
                    outbox.enqueue(claim.instanceUrl(), claim.accessToken(), claim.refreshToken(),
                            "replaced by a refresh");
                    refreshed.fire(new TokensRefreshed(claim.accountId()));
                }
                return stored;
            });
        } catch (RuntimeException failed) {
            if (lease.release(claim)) {
                revocations.revoke(claim.instanceUrl(), tokens, "a refresh whose tokens could not be stored");
            } else {
                Log.warnf("Cannot tell whether the refreshed tokens of account %s were stored; leaving the pair alone",
                        claim.accountId());
            }
            throw failed;
        }
    }

    private Optional<RefreshOutcome> markReauthRequired(LeaseClaim claim) {
        boolean marked = QuarkusTransaction.requiringNew().call(() -> leases.markReauthRequired(claim.accountId(),
                claim.owner(), claim.version(), clock.instant()));
        if (!marked) {
            // The row changed meanwhile (a sign-in stored a new grant, say): look at it again.
            return Optional.empty();
        }
        Log.infof("Account %s needs a new GitLab sign-in: GitLab refused the refresh token", claim.accountId());
        return Optional.of(new RefreshOutcome.GrantRevoked());
    }
}
