package dev.gitlablink.token;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.AccountLeases;
import dev.gitlablink.account.AccountTokenStore;
import dev.gitlablink.account.LinkedAccount;
import dev.gitlablink.account.LinkedAccountRepository;
import dev.gitlablink.crypto.TokenCryptoException;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Takes an account's lease ({@link AccountLeases}) for one refresh or unlink, so that one at a time, across all
 * replicas, calls GitLab with the account's tokens. Each look at the row is a short transaction of its own; while
 * someone else holds the lease the caller sleeps on its virtual thread between looks, holding no connection, until
 * the holder's result is in the row or the lease ends (a holder that crashed is waited out to its expiry).
 *
 * <p>A lease lasts as long as its holder's GitLab calls can take, plus {@link TokenConfig#leaseMargin()}.
 */
@ApplicationScoped
class AccountLease {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(20);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);

    private final LinkedAccountRepository accounts;
    private final AccountLeases leases;
    private final AccountTokenStore tokenStore;
    private final GitLabOAuthClient oauth;
    private final TokenConfig config;

    AccountLease(LinkedAccountRepository accounts, AccountLeases leases, AccountTokenStore tokenStore,
            GitLabOAuthClient oauth, TokenConfig config) {
        this.accounts = accounts;
        this.leases = leases;
        this.tokenStore = tokenStore;
        this.oauth = oauth;
        this.config = config;
    }

    /** What taking the lease came to: an answer that needed no lease, or the lease. */
    sealed interface Acquired<T> {

        /** The row answered without a lease, e.g. with the token another holder has just stored. */
        record Settled<T>(T result) implements Acquired<T> {
        }

        /** The lease is the caller's: it calls GitLab, then writes or releases. */
        record Held<T>(LeaseClaim claim) implements Acquired<T> {
        }
    }

    /** How long a lease lasts whose holder makes {@code gitLabCalls} calls to GitLab. */
    Duration length(int gitLabCalls) {
        return oauth.longestCall().multipliedBy(gitLabCalls).plus(config.leaseMargin());
    }

    /**
     * Looks at the account until {@code settle} answers from the row (it may also change the row, in the look's
     * transaction) or the lease is taken for a holder making {@code gitLabCalls} GitLab calls. Fails with
     * {@link AccountNotFoundException} when the row is gone and with {@link AccountBusyException} after waiting twice
     * a lease's length.
     */
    <T> Acquired<T> acquire(UUID accountId, int gitLabCalls, Function<LinkedAccount, Optional<T>> settle) {
        Duration length = length(gitLabCalls);
        long giveUpAt = System.nanoTime() + length.multipliedBy(2).toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            Optional<Acquired<T>> look = QuarkusTransaction.requiringNew()
                    .call(() -> look(accountId, length, settle));
            if (look.isPresent()) {
                return look.get();
            }
            if (System.nanoTime() - giveUpAt >= 0) {
                throw new AccountBusyException(accountId);
            }
            sleep(pause);
            Duration doubled = pause.multipliedBy(2);
            pause = doubled.compareTo(LONGEST_PAUSE) < 0 ? doubled : LONGEST_PAUSE;
        }
    }

    /** {@link #acquire} for a holder that needs the lease whatever the row says ({@code check} may throw). */
    LeaseClaim claim(UUID accountId, int gitLabCalls, Consumer<LinkedAccount> check) {
        Acquired<Void> acquired = acquire(accountId, gitLabCalls, account -> {
            check.accept(account);
            return Optional.empty();
        });
        return ((Acquired.Held<Void>) acquired).claim();
    }

    /**
     * Ends the lease if the claim still holds it; {@code true} only then. After a failed write under the lease this
     * tells whether the write committed: a committed write ends the lease itself.
     */
    boolean release(LeaseClaim claim) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> leases.release(claim.accountId(), claim.owner()));
        } catch (RuntimeException e) {
            Log.warnf("Could not release the lease of account %s (%s); it ends at its expiry", claim.accountId(),
                    e.toString());
            return false;
        }
    }

    private <T> Optional<Acquired<T>> look(UUID accountId, Duration length,
            Function<LinkedAccount, Optional<T>> settle) {
        LinkedAccount account = accounts.findByIdOptional(accountId)
                .orElseThrow(() -> new AccountNotFoundException(accountId));
        Optional<T> settled = settle.apply(account);
        if (settled.isPresent()) {
            return Optional.of(new Acquired.Settled<>(settled.get()));
        }
        UUID owner = UUID.randomUUID();
        if (!leases.claim(accountId, account.version, owner, length)) {
            return Optional.empty();
        }
        String baseUrl = account.instance.baseUrl;
        try {
            return Optional.of(new Acquired.Held<>(new LeaseClaim(accountId, owner, account.version, baseUrl,
                    account.scopes, tokenStore.accessToken(account).orElse(null),
                    tokenStore.refreshToken(account).orElse(null), false)));
        } catch (TokenCryptoException unreadable) {
            // The key was removed or the row is corrupt: the holder gets the lease without tokens and decides.
            Log.warnf("Tokens of account %s cannot be decrypted (%s)", accountId, unreadable.getMessage());
            return Optional.of(new Acquired.Held<>(new LeaseClaim(accountId, owner, account.version, baseUrl,
                    account.scopes, null, null, true)));
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an account's lease", e);
        }
    }
}
