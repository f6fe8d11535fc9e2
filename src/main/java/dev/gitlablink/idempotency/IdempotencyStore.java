package dev.gitlablink.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The answers of writes sent with an {@code Idempotency-Key} ({@code idempotent_write}), per user, for
 * {@link #KEPT} (24 hours). A key is claimed by inserting its row before GitLab is called, in a transaction of its
 * own, so a concurrent duplicate on any replica finds it in flight; the answer is written when the write ends, or the
 * claim released when it failed before GitLab created anything. Times are the database's {@code now()}.
 */
@ApplicationScoped
public class IdempotencyStore {

    /** How long an answer is kept: a client retrying within a day gets it again. */
    public static final Duration KEPT = Duration.ofHours(24);

    /** The stored status of a request that failed where GitLab may have acted; never an HTTP status. */
    static final int OUTCOME_UNKNOWN = 0;
    /** A claim older than this whose request never ended (its replica died) no longer holds the key. */
    static final Duration ABANDONED = Duration.ofMinutes(5);
    /** 1..64 characters: letters, digits, {@code -} and {@code _} (a UUID fits). */
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final EntityManager entityManager;

    IdempotencyStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The SHA-256 (hex) of what identifies a request: its route, target and body. */
    public static String requestHash(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims {@code key} for the user's request {@code requestHash}, or says why not; commits at once. */
    public IdempotencyClaim claim(UUID userId, String key, String requestHash) {
        return QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("delete from idempotent_write where user_id = :user and idempotency_key"
                            + " = :key and (expires_at <= now() or (status is null and created_at <= now() - :abandoned"
                            + " * interval '1 second'))")
                    .setParameter("user", userId).setParameter("key", key)
                    .setParameter("abandoned", ABANDONED.toSeconds())
                    .executeUpdate();
            int inserted = entityManager.createNativeQuery("insert into idempotent_write (user_id, idempotency_key,"
                            + " request_hash, created_at, expires_at) values (:user, :key, :hash, now(),"
                            + " now() + :kept * interval '1 second') on conflict do nothing")
                    .setParameter("user", userId).setParameter("key", key).setParameter("hash", requestHash)
                    .setParameter("kept", KEPT.toSeconds())
                    .executeUpdate();
            if (inserted == 1) {
                return new IdempotencyClaim.Claimed();
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("select request_hash, status, body, location"
                            + " from idempotent_write where user_id = :user and idempotency_key = :key")
                    .setParameter("user", userId).setParameter("key", key)
                    .getResultList();
            if (rows.isEmpty()) {
                // Deleted between the insert and the read (a release): the caller may simply try again.
                return new IdempotencyClaim.InFlight();
            }
            Object[] row = rows.getFirst();
            if (!requestHash.equals(row[0])) {
                return new IdempotencyClaim.Mismatch();
            }
            if (row[1] == null) {
                return new IdempotencyClaim.InFlight();
            }
            int status = ((Number) row[1]).intValue();
            return status == OUTCOME_UNKNOWN ? new IdempotencyClaim.OutcomeUnknown()
                    : new IdempotencyClaim.Replay(status, (String) row[2], (String) row[3]);
        });
    }

    /** Keeps the answer of the request that claimed {@code key}. */
    public void complete(UUID userId, String key, int status, String body, String location) {
        QuarkusTransaction.requiringNew().run(() -> ((NativeQuery<?>) entityManager.createNativeQuery(
                        "update idempotent_write set status = :status, body = :body, location = :location"
                                + " where user_id = :user and idempotency_key = :key and status is null"))
                .setParameter("status", status).setParameter("body", body, String.class)
                .setParameter("location", location, String.class)
                .setParameter("user", userId).setParameter("key", key)
                .executeUpdate());
    }

    /**
     * Keeps {@code key} taken after a request that failed where GitLab may still have acted (it answered 5xx, or not
     * in time): sending it again could write twice, so a retry under the key is refused rather than sent.
     */
    public void markOutcomeUnknown(UUID userId, String key) {
        complete(userId, key, OUTCOME_UNKNOWN, null, null);
    }

    /** Frees {@code key} after a request that failed: the client may try it again. */
    public void release(UUID userId, String key) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("delete from idempotent_write"
                        + " where user_id = :user and idempotency_key = :key and status is null")
                .setParameter("user", userId).setParameter("key", key)
                .executeUpdate());
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        purgeExpired();
    }

    /** Deletes the answers kept longer than {@link #KEPT}; how many. */
    public int purgeExpired() {
        int deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "delete from idempotent_write where expires_at <= now()").executeUpdate());
        if (deleted > 0) {
            Log.debugf("Purged %d expired idempotent write answers", deleted);
        }
        return deleted;
    }
}
