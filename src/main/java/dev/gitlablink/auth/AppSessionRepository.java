package dev.gitlablink.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Sessions by id hash. */
@ApplicationScoped
public class AppSessionRepository implements PanacheRepositoryBase<AppSession, String> {

    /** Users with at least one expired session, at most {@code limit}. */
    List<UUID> usersWithExpiredSessions(Instant now, int limit) {
        return getEntityManager().createQuery("select distinct s.userId from AppSession s"
                        + " where s.idleExpiresAt <= ?1 or s.absoluteExpiresAt <= ?1", UUID.class)
                .setParameter(1, now)
                .setMaxResults(limit)
                .getResultList();
    }

    long deleteExpired(UUID userId, Instant now) {
        return delete("userId = ?1 and (idleExpiresAt <= ?2 or absoluteExpiresAt <= ?2)", userId, now);
    }

    boolean hasLiveSession(UUID userId, Instant now) {
        return count("userId = ?1 and idleExpiresAt > ?2 and absoluteExpiresAt > ?2", userId, now) > 0;
    }

    List<String> idHashesOf(UUID userId) {
        return getEntityManager().createQuery("select s.idHash from AppSession s where s.userId = ?1", String.class)
                .setParameter(1, userId)
                .getResultList();
    }

    /** Sessions neither idle- nor absolutely expired at {@code now}, for the active-sessions gauge. */
    long countLive(Instant now) {
        return count("idleExpiresAt > ?1 and absoluteExpiresAt > ?1", now);
    }
}
