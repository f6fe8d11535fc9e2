package dev.gitlablink.link.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The SQL of the {@code device_link} table. Each method needs the caller's transaction; poll times are the
 * database's {@code now()}, the one clock every replica shares.
 */
@ApplicationScoped
public class DeviceLinkStore {

    public static final String PENDING = "pending";

    /** The write of a worker that still holds its claim. */
    private static final String CLAIMED = " where id = :id and status = 'pending' and polls = :claim";

    private final EntityManager entityManager;

    DeviceLinkStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A row's status as its owner sees it. */
    public record Status(UUID userId, String status, UUID accountId) {
    }

    /** A new pending device link, first polled after {@code interval}. */
    public void insert(UUID id, UUID userId, String sessionIdHash, String instance, String keyId, byte[] deviceCode,
            String userCode, String verificationUri, String verificationUriComplete, int intervalSeconds,
            Instant expiresAt) {
        entityManager.createNativeQuery("insert into device_link (id, user_id, session_id_hash, instance,"
                        + " device_code_key_id, device_code_ciphertext, user_code, verification_uri,"
                        + " verification_uri_complete, interval_seconds, status, polls, next_poll_at, expires_at,"
                        + " created_at, updated_at) values (:id, :userId, :session, :instance, :keyId, :code,"
                        + " :userCode, :uri, :uriComplete, :interval, 'pending', 0,"
                        + " now() + :interval * interval '1 second', :expiresAt, now(), now())")
                .setParameter("id", id)
                .setParameter("userId", userId)
                .setParameter("session", sessionIdHash)
                .setParameter("instance", instance)
                .setParameter("keyId", keyId)
                .setParameter("code", deviceCode)
                .setParameter("userCode", userCode)
                .setParameter("uri", verificationUri)
                .setParameter("uriComplete", verificationUriComplete)
                .setParameter("interval", intervalSeconds)
                .setParameter("expiresAt", expiresAt)
                .executeUpdate();
    }

    public Optional<Status> status(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select user_id, status, account_id from device_link where id = :id")
                .setParameter("id", id)
                .getResultList();
        return rows.stream().findFirst().map(row -> new Status((UUID) row[0], (String) row[1], (UUID) row[2]));
    }

    /**
     * Claims up to {@code limit} due pending rows for {@code lease}: rows another worker holds locked right now are
     * passed over ({@code SKIP LOCKED}), and once this transaction commits the claimed rows are not due again until
     * the lease ends, so no other replica polls them while this one waits for GitLab.
     */
    @SuppressWarnings("unchecked")
    public List<DeviceLinkClaim> claimDue(int limit, Duration lease) {
        List<Object[]> rows = entityManager.createNativeQuery("select id, user_id, instance, device_code_key_id,"
                        + " device_code_ciphertext, interval_seconds, polls + 1, expires_at <= now(),"
                        + " not exists (select 1 from app_session s where s.id_hash = device_link.session_id_hash"
                        + " and s.idle_expires_at > now() and s.absolute_expires_at > now())"
                        + " from device_link where status = 'pending' and next_poll_at <= now()"
                        + " order by next_poll_at limit :limit for update skip locked")
                .setParameter("limit", limit)
                .getResultList();
        List<DeviceLinkClaim> claims = rows.stream().map(row -> new DeviceLinkClaim((UUID) row[0], (UUID) row[1],
                (String) row[2], (String) row[3], (byte[]) row[4], ((Number) row[5]).intValue(),
                ((Number) row[6]).intValue(), (Boolean) row[7], (Boolean) row[8])).toList();
        if (!claims.isEmpty()) {
            entityManager.createNativeQuery("update device_link set polls = polls + 1, next_poll_at = now()"
                            + " + :millis * interval '1 millisecond', updated_at = now() where id in (:ids)")
                    .setParameter("millis", lease.toMillis())
                    .setParameter("ids", claims.stream().map(DeviceLinkClaim::id).toList())
                    .executeUpdate();
        }
        return claims;
    }

    /** Polled again {@code intervalSeconds} from now (which may have grown after {@code slow_down}). */
    public boolean pollLater(DeviceLinkClaim claim, int intervalSeconds) {
        return entityManager.createNativeQuery("update device_link set interval_seconds = :interval,"
                        + " next_poll_at = now() + :interval * interval '1 second', updated_at = now()" + CLAIMED)
                .setParameter("interval", intervalSeconds)
                .setParameter("id", claim.id())
                .setParameter("claim", claim.claim())
                .executeUpdate() == 1;
    }

    /** The row's outcome ({@code accountId} when linked): it is never polled again, and the device code is dropped. */
    public boolean finish(DeviceLinkClaim claim, String status, UUID accountId) {
        // A null uuid parameter has no type Hibernate can bind, so the account is only written when there is one.
        var query = entityManager.createNativeQuery("update device_link set status = :status,"
                        + (accountId == null ? "" : " account_id = :accountId,")
                        + " device_code_key_id = null, device_code_ciphertext = null, updated_at = now()" + CLAIMED)
                .setParameter("status", status)
                .setParameter("id", claim.id())
                .setParameter("claim", claim.claim());
        if (accountId != null) {
            query.setParameter("accountId", accountId);
        }
        return query.executeUpdate() == 1;
    }

    /** Forgets rows that ended or expired more than {@code retention} ago. */
    public int purge(Duration retention) {
        return entityManager.createNativeQuery("delete from device_link where expires_at < now() - :millis"
                        + " * interval '1 millisecond'")
                .setParameter("millis", retention.toMillis())
                .executeUpdate();
    }
}
