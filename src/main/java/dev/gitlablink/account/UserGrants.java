package dev.gitlablink.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.gitlablink.crypto.TokenCryptoException;
import dev.gitlablink.revocation.RevocationOutbox;
import io.quarkus.logging.Log;

/**
 * All of a user's GitLab grants at once: given up when their last session ends (the accounts stay, as
 * {@code reauth_required}, and a later sign-in on an instance restores that instance's account), or with the user
 * when they delete themselves. Every pair goes through the revocation outbox, in the caller's transaction.
 */
@ApplicationScoped
public class UserGrants {

    private final AppUserRepository users;
    private final LinkedAccountRepository accounts;
    private final AccountTokenStore tokenStore;
    private final RevocationOutbox outbox;
    private final Clock clock;

    UserGrants(AppUserRepository users, LinkedAccountRepository accounts, AccountTokenStore tokenStore,
            RevocationOutbox outbox, Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.tokenStore = tokenStore;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Locks the user's row until the caller's transaction ends, so that decisions about the user's sessions (is
     * this the last one?) are taken one at a time; {@code false} when the user no longer exists.
     */
    @Transactional(TxType.MANDATORY)
    public boolean lock(UUID userId) {
        return users.findByIdOptional(userId, LockModeType.PESSIMISTIC_WRITE).isPresent();
    }

    /**
     * Enqueues the revocation of every pair the user's accounts hold and drops the tokens; the accounts become
     * {@code reauth_required}. A refresh in flight meanwhile cannot store its pair (the row changed), so it gives
     * that pair up too. Returns how many pairs were given up.
     */
    @Transactional(TxType.MANDATORY)
    public int revokeAll(UUID userId, String reason) {
        Instant now = clock.instant();
        int revoked = 0;
        for (LinkedAccount account : lockedAccountsOf(userId)) {
            if (account.accessTokenCiphertext == null && account.refreshTokenCiphertext == null) {
                continue;
            }
            if (giveUp(account, AccountStatus.REAUTH_REQUIRED, reason, now)) {
                revoked++;
            }
        }
        if (revoked > 0) {
            Log.infof("Gave up the GitLab grants of %d accounts of app user %s (%s)", revoked, userId, reason);
        }
        return revoked;
    }

    /** Enqueues the revocation of every grant of the user, then deletes the user with their accounts and sessions. */
    @Transactional(TxType.MANDATORY)
    public void deleteUser(UUID userId) {
        List<LinkedAccount> owned = lockedAccountsOf(userId);
        owned.forEach(account -> enqueue(account, "the user deleted themselves"));
        // The foreign keys cascade to linked_account and app_session.
        users.delete("id", userId);
        Log.infof("Deleted app user %s with %d linked accounts", userId, owned.size());
    }

    /**
     * The user's accounts, locked ({@code FOR UPDATE}): a refresh storing a new pair meanwhile waits, then finds the
     * row changed or gone and gives its pair up, so no pair slips between what is enqueued here and what is dropped.
     */
    private List<LinkedAccount> lockedAccountsOf(UUID userId) {
        return accounts.find("user.id = ?1 order by id", userId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * Enqueues the revocation of the pair the (locked) account holds, drops its tokens and gives it {@code status};
     * whether a revocation was enqueued.
     */
    boolean giveUp(LinkedAccount account, AccountStatus status, String reason, Instant now) {
        boolean holdsTokens = account.accessTokenCiphertext != null || account.refreshTokenCiphertext != null;
        boolean enqueued = holdsTokens && enqueue(account, reason);
        account.tokenKeyId = null;
        account.accessTokenCiphertext = null;
        account.refreshTokenCiphertext = null;
        account.status = status;
        account.updatedAt = now;
        return enqueued;
    }

    private boolean enqueue(LinkedAccount account, String reason) {
        try {
            return outbox.enqueue(account.instance.baseUrl, tokenStore.accessToken(account).orElse(null),
                    tokenStore.refreshToken(account).orElse(null), reason);
        } catch (TokenCryptoException unreadable) {
            Log.warnf("Tokens of account %s cannot be decrypted, so its grant cannot be revoked (%s)", account.id,
                    unreadable.getMessage());
            return false;
        }
    }
}
