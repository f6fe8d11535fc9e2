package dev.gitlablink.account;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.gitlablink.crypto.TokenCipher;
import dev.gitlablink.crypto.TokenCryptoException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Finishes a key rotation: accounts whose tokens are still encrypted with an older key of
 * {@code TOKEN_ENCRYPTION_KEYS} get them encrypted with the first key, so the old key can be removed without
 * waiting for every account to refresh (an idle or {@code reauth_required} account never would).
 *
 * <p>Works in batches, each in its own transaction holding its rows' locks ({@code FOR UPDATE SKIP LOCKED}): a
 * row locked right now is left for the next run rather than waited for, and replicas running the job at the same
 * time share the rows instead of queueing on them. A row whose lease a refresh or unlink holds is left too: its
 * holder is about to write new tokens (encrypted with the first key anyway) or delete the row, and a re-encryption
 * in between would change the row under it and make it throw away the pair GitLab just issued. The holder's write
 * is conditional on the row being unchanged since its claim, so even a lease that expires meanwhile never lets
 * the two overwrite each other.
 */
@ApplicationScoped
public class TokenReencryption {

    static final int BATCH_SIZE = 100;
    /** Hibernate's value of {@code jakarta.persistence.lock.timeout} for {@code SKIP LOCKED}. */
    private static final int SKIP_LOCKED = -2;
    /** Rows no refresh or unlink holds (the lease's expiry in the database's time, as the lease is taken). */
    private static final String NOT_LEASED = "(refreshLeaseUntil is null or refreshLeaseUntil <= current_timestamp)";

    private final LinkedAccountRepository accounts;
    private final AccountTokenStore tokenStore;
    private final TokenCipher cipher;

    public TokenReencryption(LinkedAccountRepository accounts, AccountTokenStore tokenStore, TokenCipher cipher) {
        this.accounts = accounts;
        this.tokenStore = tokenStore;
        this.cipher = cipher;
    }

    /**
     * What one run did: accounts moved to the primary key, accounts on an older configured key whose tokens could
     * not be decrypted (left as they are), and accounts on a key that is no longer configured.
     */
    public record Result(int reencrypted, int unreadable, long onUnknownKeys) {
    }

    /** One batch: how many rows it locked, how many of them could not be decrypted, and the last row's id. */
    private record Batch(int size, int unreadable, UUID lastId) {
    }

    @Scheduled(every = "${gitlab-link.crypto.reencrypt-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        Result result = reencryptAll();
        if (result.reencrypted() > 0) {
            Log.infof("Re-encrypted the tokens of %d accounts with key '%s'", result.reencrypted(),
                    cipher.primaryKeyId());
        }
        if (result.unreadable() > 0) {
            Log.warnf("%d accounts have tokens that their configured key cannot decrypt; they need a new GitLab "
                    + "sign-in", result.unreadable());
        }
        if (result.onUnknownKeys() > 0) {
            // Their key was removed from TOKEN_ENCRYPTION_KEYS too early: they need a new GitLab sign-in.
            Log.warnf("%d accounts have tokens encrypted with a key that TOKEN_ENCRYPTION_KEYS no longer has",
                    result.onUnknownKeys());
        }
    }

    /**
     * Re-encrypts every account on an older configured key with the primary key, walking the rows in id order so
     * that a row that cannot be decrypted is counted and passed, not met again in every batch.
     */
    public Result reencryptAll() {
        Set<String> olderKeys = cipher.olderKeyIds();
        int reencrypted = 0;
        int unreadable = 0;
        if (!olderKeys.isEmpty()) {
            UUID after = null;
            Batch batch;
            do {
                UUID from = after;
                batch = QuarkusTransaction.requiringNew().call(() -> reencryptBatch(olderKeys, from));
                reencrypted += batch.size() - batch.unreadable();
                unreadable += batch.unreadable();
                after = batch.lastId();
            } while (batch.size() == BATCH_SIZE);
        }
        long onUnknownKeys = QuarkusTransaction.requiringNew().call(() ->
                accounts.count("tokenKeyId is not null and tokenKeyId not in ?1", cipher.keyIds()));
        return new Result(reencrypted, unreadable, onUnknownKeys);
    }

    private Batch reencryptBatch(Set<String> olderKeys, UUID after) {
        PanacheQuery<LinkedAccount> query = after == null
                ? accounts.find("tokenKeyId in ?1 and " + NOT_LEASED + " order by id", olderKeys)
                : accounts.find("tokenKeyId in ?1 and id > ?2 and " + NOT_LEASED + " order by id", olderKeys, after);
        List<LinkedAccount> rows = query.withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .page(0, BATCH_SIZE)
                .list();
        int unreadable = 0;
        for (LinkedAccount account : rows) {
            try {
                tokenStore.reencrypt(account);
            } catch (TokenCryptoException e) {
                // Decryption fails before anything is written, so the row stays exactly as it was.
                unreadable++;
                Log.warnf("Tokens of account %s cannot be decrypted with key '%s'; left as they are", account.id,
                        account.tokenKeyId);
            }
        }
        return new Batch(rows.size(), unreadable, rows.isEmpty() ? after : rows.getLast().id);
    }
}
