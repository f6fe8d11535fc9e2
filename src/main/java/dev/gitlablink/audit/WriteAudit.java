package dev.gitlablink.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** The audit of writes made on users' behalf ({@code write_audit}): recorded after each write, read newest first. */
@ApplicationScoped
public class WriteAudit {

    /** Longest summary kept: an issue's title is cut to it. */
    static final int SUMMARY_MAX = 120;

    private final EntityManager entityManager;

    WriteAudit(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** What was asked of GitLab, before its answer is known. */
    public record Write(UUID userId, UUID accountId, WriteKind kind, String project, Long targetIid, String summary) {
    }

    /** Records {@code write} and GitLab's answer, in a transaction of its own. */
    public void record(Write write, String outcome, Integer gitlabStatus, Long createdId, Long createdIid) {
        String summary = write.summary() == null || write.summary().length() <= SUMMARY_MAX ? write.summary()
                : write.summary().substring(0, SUMMARY_MAX - 1) + "…";
        // Typed parameters: a null bound without its type reaches PostgreSQL as bytea.
        QuarkusTransaction.requiringNew().run(() -> ((NativeQuery<?>) entityManager.createNativeQuery(
                        "insert into write_audit (user_id, account_id, kind, project, target_iid, summary, outcome,"
                                + " gitlab_status, created_id, created_iid, created_at) values (:user, :account, :kind,"
                                + " :project, :iid, :summary, :outcome, :status, :createdId, :createdIid, now())"))
                .setParameter("user", write.userId()).setParameter("account", write.accountId())
                .setParameter("kind", write.kind().code()).setParameter("project", write.project())
                .setParameter("iid", write.targetIid(), Long.class).setParameter("summary", summary, String.class)
                .setParameter("outcome", outcome).setParameter("status", gitlabStatus, Integer.class)
                .setParameter("createdId", createdId, Long.class).setParameter("createdIid", createdIid, Long.class)
                .executeUpdate());
    }

    /** How many entries the user has. */
    public long count(UUID userId) {
        return QuarkusTransaction.joiningExisting().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from write_audit where user_id = :user").setParameter("user", userId)
                .getSingleResult()).longValue());
    }

    /** The user's entries, newest first, {@code limit} of them from {@code offset}. */
    @SuppressWarnings("unchecked")
    public List<AuditEntry> page(UUID userId, int offset, int limit) {
        List<Object[]> rows = QuarkusTransaction.joiningExisting().call(() -> entityManager.createNativeQuery(
                        "select id, account_id, kind, project, target_iid, summary, outcome, gitlab_status, created_id,"
                                + " created_iid, created_at from write_audit where user_id = :user"
                                + " order by created_at desc, id desc offset :offset limit :limit")
                .setParameter("user", userId).setParameter("offset", offset).setParameter("limit", limit)
                .getResultList());
        return rows.stream().map(WriteAudit::entry).toList();
    }

    private static AuditEntry entry(Object[] row) {
        return new AuditEntry(((Number) row[0]).longValue(), (UUID) row[1], (String) row[2], (String) row[3],
                longOrNull(row[4]), (String) row[5], (String) row[6],
                row[7] == null ? null : ((Number) row[7]).intValue(), longOrNull(row[8]), longOrNull(row[9]),
                instant(row[10]));
    }

    private static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case OffsetDateTime time -> time.toInstant();
            case Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("unexpected time " + value.getClass());
        };
    }
}
