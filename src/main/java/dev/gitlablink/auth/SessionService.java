package dev.gitlablink.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Server-side sessions with an idle and an absolute timeout. Only a hash of the cookie value is stored,
 * and ending a session deletes its row, so a copied cookie stops working at logout.
 */
@ApplicationScoped
public class SessionService {

    private final AppSessionRepository sessions;
    private final SessionConfig config;
    private final Clock clock;
    /** Sessions resolved recently, by id hash, so most requests need no database round trip. */
    private final Cache<String, SessionPrincipal> recent;

    public SessionService(AppSessionRepository sessions, SessionConfig config, Clock clock) {
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
        this.recent = Caffeine.newBuilder()
                .expireAfterWrite(config.cacheTtl())
                .maximumSize(config.cacheTtl().isZero() ? 0 : 100_000)
                .build();
    }

    /** The session from memory if it was resolved within the cache TTL and has not expired since. */
    Optional<SessionPrincipal> resolveCached(String cookieValue) {
        if (!SessionIds.isWellFormed(cookieValue)) {
            return Optional.empty();
        }
        SessionPrincipal cached = recent.getIfPresent(SessionIds.hash(cookieValue));
        return cached != null && cached.expiresAt().isAfter(clock.instant()) ? Optional.of(cached) : Optional.empty();
    }

    @Transactional
    NewSession create(UUID userId) {
        Instant now = clock.instant();
        String cookieValue = SessionIds.newId();
        AppSession session = new AppSession();
        session.idHash = SessionIds.hash(cookieValue);
        session.userId = userId;
        session.createdAt = now;
        session.lastSeenAt = now;
        session.absoluteExpiresAt = now.plus(config.absoluteTimeout());
        session.idleExpiresAt = earliest(now.plus(config.idleTimeout()), session.absoluteExpiresAt);
        sessions.persist(session);
        return new NewSession(cookieValue, session.absoluteExpiresAt);
    }

    /** The live session for a cookie value, its idle deadline pushed forward at most once per touch interval. */
    @Transactional
    Optional<SessionPrincipal> resolve(String cookieValue) {
        if (!SessionIds.isWellFormed(cookieValue)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<AppSession> found = sessions.findByIdOptional(SessionIds.hash(cookieValue));
        if (found.isEmpty() || !found.get().isLiveAt(now)) {
            found.ifPresent(sessions::delete);
            return Optional.empty();
        }
        AppSession session = found.get();
        if (session.lastSeenAt.plus(config.touchInterval()).isBefore(now)) {
            session.lastSeenAt = now;
            session.idleExpiresAt = earliest(now.plus(config.idleTimeout()), session.absoluteExpiresAt);
        }
        SessionPrincipal principal = new SessionPrincipal(session.userId, session.idHash,
                earliest(session.idleExpiresAt, session.absoluteExpiresAt));
        recent.put(session.idHash, principal);
        return Optional.of(principal);
    }

    @Transactional
    void end(String sessionIdHash) {
        recent.invalidate(sessionIdHash);
        sessions.deleteById(sessionIdHash);
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        long purged = sessions.deleteExpired(clock.instant());
        if (purged > 0) {
            Log.infof("Purged %d expired sessions", purged);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
