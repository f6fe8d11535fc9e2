package dev.gitlablink.revocation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import dev.gitlablink.crypto.EncryptedValue;
import dev.gitlablink.crypto.TokenCipher;
import io.quarkus.logging.Log;

/**
 * The one way to give up a GitLab token pair: {@link #enqueue} writes it, encrypted, into the
 * {@code revocation_outbox} table within the caller's transaction, so the pair is revoked after that transaction
 * commits (by {@link RevocationWorker}, on this or any replica, retried until GitLab confirms) and never if it
 * rolls back. A crash can lose the transaction or keep the entry, but never the grant.
 */
@ApplicationScoped
public class RevocationOutbox {

    private static final String REFRESH_TOKEN_HINT = "refresh_token";

    private final RevocationOutboxStore store;
    private final TokenCipher cipher;
    private final RevocationWorker worker;
    private final TransactionSynchronizationRegistry transactions;

    RevocationOutbox(RevocationOutboxStore store, TokenCipher cipher, RevocationWorker worker,
            TransactionSynchronizationRegistry transactions) {
        this.store = store;
        this.cipher = cipher;
        this.worker = worker;
        this.transactions = transactions;
    }

    /**
     * Enqueues the revocation of a pair that was stored (an account's), at the GitLab at {@code instanceUrl}, in the
     * caller's transaction (or one of its own when there is none). Either token may be null; revoking either
     * revokes both at GitLab, so the refresh token is the one revoked when there is one, and the access token is
     * used once before that: this ends the pair a refresh replaced, which GitLab keeps alive until the new access
     * token is first used. A pair already in the outbox is not added again. {@code reason} is for the log and the
     * table, never a token.
     *
     * @return {@code true} when the entry is new
     */
    @Transactional
    public boolean enqueue(String instanceUrl, String accessToken, String refreshToken, String reason) {
        return add(instanceUrl, accessToken, refreshToken, true, reason);
    }

    /**
     * As {@link #enqueue}, for a pair GitLab has just issued and nobody stored (a refresh that lost its lease, a
     * sign-in or link that failed after the code exchange): its access token is never used, since the pair a
     * refresh replaced, which that use would end, is the one the account still holds.
     */
    @Transactional
    public boolean enqueueUnstored(String instanceUrl, String accessToken, String refreshToken, String reason) {
        return add(instanceUrl, accessToken, refreshToken, false, reason);
    }

    private boolean add(String instanceUrl, String accessToken, String refreshToken, boolean endPredecessor,
            String reason) {
        String token = refreshToken != null ? refreshToken : accessToken;
        if (token == null) {
            return false;
        }
        UUID id = UUID.randomUUID();
        EncryptedValue encrypted = cipher.encrypt(token, associatedData(id, "token"));
        byte[] access = endPredecessor && refreshToken != null && accessToken != null
                ? cipher.encrypt(accessToken, associatedData(id, "access_token")).ciphertext() : null;
        boolean added = store.insert(id, instanceUrl, sha256(token), refreshToken != null ? REFRESH_TOKEN_HINT : null,
                encrypted.keyId(), encrypted.ciphertext(), access, reason);
        if (added) {
            Log.infof("Enqueued the revocation of a token pair at %s (%s)", instanceUrl, reason);
            transactions.registerInterposedSynchronization(new TryAfterCommit());
        } else {
            Log.debugf("A token pair at %s is already in the revocation outbox (%s)", instanceUrl, reason);
        }
        return added;
    }

    /** The associated data of an entry's ciphertext: the row and column it belongs to. */
    static String associatedData(UUID entryId, String column) {
        return "revocation_outbox/" + entryId + "/" + column;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Starts the worker once the entry is committed, so a revocation does not wait for the next scheduled run. */
    private final class TryAfterCommit implements Synchronization {

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                worker.runSoon();
            }
        }
    }
}
