package dev.gitlablink.account;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The SQL of an account's lease ({@code refresh_lease_owner}, {@code refresh_lease_until}): a refresh or unlink
 * claims it, writes under it and ends it with conditional statements, each in a short transaction of the caller's,
 * so the holder keeps no transaction, connection or row lock open while it talks to GitLab.
 *
 * <p>"Held" means: this owner, not yet expired, and the row still at the version the claim saw, so nothing else
 * (a sign-in, a pod of the previous version refreshing under a row lock) changed the tokens meanwhile. Lease times
 * are the database's {@code now()}, the one clock every replica shares.
 */
@ApplicationScoped
public class AccountLeases {

    private static final String HELD = " where id = :id and refresh_lease_owner = :owner"
            + " and refresh_lease_until > now() and version = :version";
    private static final String END_LEASE = "refresh_lease_owner = null, refresh_lease_until = null";

    private final EntityManager entityManager;
    private final AccountTokenStore tokenStore;

    AccountLeases(EntityManager entityManager, AccountTokenStore tokenStore) {
        this.entityManager = entityManager;
        this.tokenStore = tokenStore;
    }

    /**
     * Claims the lease of {@code accountId} for {@code owner} for {@code length}, if nobody holds a live one and the
     * row is still at {@code version}. Needs a transaction; the claim counts once it commits.
     */
    public boolean claim(UUID accountId, long version, UUID owner, Duration length) {
        return entityManager.createNativeQuery("update linked_account set refresh_lease_owner = :owner,"
                        + " refresh_lease_until = now() + :millis * interval '1 millisecond'"
                        + " where id = :id and version = :version"
                        + " and (refresh_lease_until is null or refresh_lease_until <= now())")
                .setParameter("owner", owner)
                .setParameter("millis", length.toMillis())
                .setParameter("id", accountId)
                .setParameter("version", version)
                .executeUpdate() == 1;
    }

    /**
     * Writes refreshed tokens and ends the lease, if {@code owner} still holds it; {@code false} (nothing written)
     * when the lease was lost. Needs a transaction.
     */
    public boolean storeTokens(UUID accountId, UUID owner, long version, GrantedTokens tokens, Instant now) {
        AccountTokenStore.EncryptedTokens encrypted = tokenStore.encrypt(accountId, tokens.accessToken(),
                tokens.refreshToken());
        Query store = entityManager.createNativeQuery("update linked_account set token_key_id = :keyId,"
                        + " access_token_ciphertext = :access, refresh_token_ciphertext = :refresh,"
                        + " access_token_expires_at = :expiresAt, scopes = :scopes, updated_at = :now,"
                        + " version = version + 1, " + END_LEASE + HELD)
                .setParameter("keyId", encrypted.keyId())
                .setParameter("access", encrypted.accessToken())
                .setParameter("refresh", encrypted.refreshToken())
                .setParameter("expiresAt", tokens.accessTokenExpiresAt())
                .setParameter("scopes", tokens.scopes())
                .setParameter("now", now);
        return held(store, accountId, owner, version).executeUpdate() == 1;
    }

    /** Marks the account {@code reauth_required} and ends the lease, if {@code owner} still holds it. */
    public boolean markReauthRequired(UUID accountId, UUID owner, long version, Instant now) {
        Query mark = entityManager.createNativeQuery("update linked_account set status = :status,"
                        + " updated_at = :now, version = version + 1, " + END_LEASE + HELD)
                .setParameter("status", AccountStatus.REAUTH_REQUIRED.code())
                .setParameter("now", now);
        return held(mark, accountId, owner, version).executeUpdate() == 1;
    }

    /** Deletes the account (and its tokens), if {@code owner} still holds its lease. */
    public boolean delete(UUID accountId, UUID owner, long version) {
        return held(entityManager.createNativeQuery("delete from linked_account" + HELD), accountId, owner, version)
                .executeUpdate() == 1;
    }

    /**
     * Ends the lease if {@code owner} has it, expired or not; {@code false} when someone else has claimed it since,
     * or a write under the lease ended it. Needs a transaction.
     */
    public boolean release(UUID accountId, UUID owner) {
        return entityManager.createNativeQuery("update linked_account set " + END_LEASE
                        + " where id = :id and refresh_lease_owner = :owner")
                .setParameter("id", accountId)
                .setParameter("owner", owner)
                .executeUpdate() == 1;
    }

    private static Query held(Query query, UUID accountId, UUID owner, long version) {
        return query.setParameter("id", accountId).setParameter("owner", owner).setParameter("version", version);
    }
}
