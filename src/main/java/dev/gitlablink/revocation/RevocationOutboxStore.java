package dev.gitlablink.revocation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/**
 * The SQL of the {@code revocation_outbox} table. Each method needs the caller's transaction; times are the
 * database's {@code now()}, the one clock every replica shares.
 */
@ApplicationScoped
class RevocationOutboxStore {

    static final String PENDING = "pending";
    static final String DONE = "done";
    static final String DEAD = "dead";

    /** The write of a worker that still holds its claim: nobody has claimed the entry again since. */
    private static final String CLAIMED = " where id = :id and state = 'pending' and attempts = :attempt";

    private final EntityManager entityManager;

    RevocationOutboxStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A new pending entry, due now; {@code false} when the token is already in the outbox. */
    boolean insert(UUID id, String instanceUrl, String tokenHash, String tokenTypeHint, String keyId, byte[] token,
            byte[] accessToken, String reason) {
        return entityManager.createNativeQuery("insert into revocation_outbox (id, instance_url, token_hash,"
                        + " token_type_hint, token_key_id, token_ciphertext, access_token_ciphertext, reason, state,"
                        + " attempts, next_attempt_at, created_at, updated_at) values (:id, :instanceUrl, :tokenHash,"
                        + " :hint, :keyId, :token, :accessToken, :reason, 'pending', 0, now(), now(), now())"
                        + " on conflict (token_hash) do nothing")
                // Only this table: the caller's pending entity changes need not be flushed before it.
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("revocation_outbox")
                .setParameter("id", id)
                .setParameter("instanceUrl", instanceUrl)
                .setParameter("tokenHash", tokenHash)
                .setParameter("hint", tokenTypeHint)
                .setParameter("keyId", keyId)
                .setParameter("token", token)
                .setParameter("accessToken", accessToken)
                .setParameter("reason", reason)
                .executeUpdate() == 1;
    }

    /**
     * Claims up to {@code limit} due entries for {@code length}: rows another worker has locked right now are
     * passed over ({@code SKIP LOCKED}), and once this transaction commits the claimed rows are not due again
     * until the claim ends, so no other replica takes them while this one calls GitLab.
     */
    @SuppressWarnings("unchecked")
    List<OutboxEntry> claimDue(int limit, Duration length) {
        List<Object[]> rows = entityManager.createNativeQuery("select id, instance_url, token_type_hint,"
                        + " token_key_id, token_ciphertext, access_token_ciphertext, reason, attempts + 1"
                        + " from revocation_outbox where state = 'pending' and next_attempt_at <= now()"
                        + " order by next_attempt_at limit :limit for update skip locked")
                .setParameter("limit", limit)
                .getResultList();
        List<OutboxEntry> entries = rows.stream().map(RevocationOutboxStore::entry).toList();
        if (!entries.isEmpty()) {
            entityManager.createNativeQuery("update revocation_outbox set attempts = attempts + 1,"
                            + " next_attempt_at = now() + :millis * interval '1 millisecond', updated_at = now()"
                            + " where id in (:ids)")
                    .setParameter("millis", length.toMillis())
                    .setParameter("ids", entries.stream().map(OutboxEntry::id).toList())
                    .executeUpdate();
        }
        return entries;
    }

    /** GitLab confirmed: the entry is done and its tokens are dropped. */
    boolean markDone(OutboxEntry entry) {
        return claimed(entry, "update revocation_outbox set state = 'done', token_key_id = null,"
                + " token_ciphertext = null, access_token_ciphertext = null, last_error = null, updated_at = now()"
                + CLAIMED, null);
    }

    /** Tried again after {@code delay}. */
    boolean retryLater(OutboxEntry entry, Duration delay, String error) {
        return entityManager.createNativeQuery("update revocation_outbox set next_attempt_at = now() + :millis"
                        + " * interval '1 millisecond', last_error = :error, updated_at = now()" + CLAIMED)
                .setParameter("millis", delay.toMillis())
                .setParameter("error", error)
                .setParameter("id", entry.id())
                .setParameter("attempt", entry.attempt())
                .executeUpdate() == 1;
    }

    /**
     * Given up: never tried again. The ciphertexts stay, so that an operator who fixed the cause (a wrong client
     * secret, say) can set the entry back to {@code pending}.
     */
    boolean markDead(OutboxEntry entry, String error) {
        return claimed(entry, "update revocation_outbox set state = 'dead', last_error = :error,"
                + " updated_at = now()" + CLAIMED, error);
    }

    long count(String state) {
        return ((Number) entityManager.createNativeQuery("select count(*) from revocation_outbox where state = :state")
                .setParameter("state", state)
                .getSingleResult()).longValue();
    }

    /** Forgets done entries older than {@code retention}. */
    int purgeDone(Duration retention) {
        return entityManager.createNativeQuery("delete from revocation_outbox where state = 'done'"
                        + " and updated_at < now() - :millis * interval '1 millisecond'")
                .setParameter("millis", retention.toMillis())
                .executeUpdate();
    }

    private boolean claimed(OutboxEntry entry, String sql, String error) {
        var query = entityManager.createNativeQuery(sql)
                .setParameter("id", entry.id())
                .setParameter("attempt", entry.attempt());
        if (error != null) {
            query.setParameter("error", error);
        }
        return query.executeUpdate() == 1;
    }

    private static OutboxEntry entry(Object[] row) {
        return new OutboxEntry((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], (byte[]) row[4],
                (byte[]) row[5], (String) row[6], ((Number) row[7]).intValue());
    }
}
