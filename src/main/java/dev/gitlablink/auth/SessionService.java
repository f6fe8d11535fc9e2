package dev.gitlablink.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gitlablink.common.ReadThroughCache;
import io.quarkus.virtual.threads.VirtualThreads;
import io.smallrye.mutiny.Uni;

/**
 * Server-side sessions with an idle and an absolute timeout. Only a hash of the session id is stored,
 * and ending a session ({@link SignOut}) deletes its row, so a copied cookie stops working at logout.
 */
@ApplicationScoped
public class SessionService {

    private final AppSessionRepository sessions;
    private final SessionIdSigner signer;
    private final SessionConfig config;
    private final Clock clock;
    /**
     * Sessions resolved recently, by id hash, so most requests need no database round trip. Requests that
     * miss together share one database read. Ids the database does not know (never issued, ended, expired) are
     * remembered for a while too, so the same dead cookie sent again costs no database read (a forged one never
     * gets this far: its signature does not verify): no such
     * id can come back to life, since ids are never reused and {@link #create} forgets any entry for its new id.
     */
    private final ReadThroughCache<String, SessionPrincipal> recent;

    public SessionService(AppSessionRepository sessions, SessionIdSigner signer, SessionConfig config, Clock clock,
            @VirtualThreads ExecutorService blocking) {
        this.sessions = sessions;
        this.signer = signer;
        this.config = config;
        this.clock = clock;
        this.recent = new ReadThroughCache<>(config.cacheTtl(), config.unknownCacheTtl(),
                config.unknownCacheSize(), blocking, idHash -> resolveStored(idHash).orElse(null));
    }

    /**
     * The live session for a cookie value: from memory when it was read within the cache TTL and has not
     * expired since, else from the database on a virtual thread. Empty for an unknown or expired session, and,
     * without any lookup, for a cookie value we did not sign.
     */
    Uni<Optional<SessionPrincipal>> resolve(String cookieValue) {
        Optional<String> id = signer.sessionId(cookieValue);
        if (id.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String idHash = SessionIds.hash(id.get());
        recent.invalidateIf(idHash, principal -> !principal.expiresAt().isAfter(clock.instant()));
        return recent.get(idHash).map(Optional::ofNullable);
    }

    @Transactional
    NewSession create(UUID userId) {
        Instant now = clock.instant();
        String id = SessionIds.newId();
        AppSession session = new AppSession();
        session.idHash = SessionIds.hash(id);
        session.userId = userId;
        session.createdAt = now;
        session.lastSeenAt = now;
        session.absoluteExpiresAt = now.plus(config.absoluteTimeout());
        session.idleExpiresAt = earliest(now.plus(config.idleTimeout()), session.absoluteExpiresAt);
        sessions.persist(session);
        // 256 random bits are never guessed, so no lookup can have marked this id unknown; forgotten anyway.
        recent.invalidate(session.idHash);
        return new NewSession(signer.cookieValue(id), session.absoluteExpiresAt);
    }

    /** The live session for a cookie value, read from the database now (blocking; for sign-in and linking). */
    public Optional<SessionPrincipal> resolveStoredCookie(String cookieValue) {
        return signer.sessionId(cookieValue).flatMap(id -> resolveStored(SessionIds.hash(id)));
    }

    /** The live stored session with this id hash, its idle deadline pushed forward at most once per touch interval. */
    @Transactional
    Optional<SessionPrincipal> resolveStored(String idHash) {
        Instant now = clock.instant();
        Optional<AppSession> found = sessions.findByIdOptional(idHash);
        if (found.isEmpty() || !found.get().isLiveAt(now)) {
            // An expired row is left to SignOut's sweep, which also decides whether it was the user's last.
            return Optional.empty();
        }
        AppSession session = found.get();
        if (session.lastSeenAt.plus(config.touchInterval()).isBefore(now)) {
            session.lastSeenAt = now;
            session.idleExpiresAt = earliest(now.plus(config.idleTimeout()), session.absoluteExpiresAt);
        }
        return Optional.of(new SessionPrincipal(session.userId, session.idHash,
                earliest(session.idleExpiresAt, session.absoluteExpiresAt)));
    }

    /** Forgets cached sessions at once on this replica, after their rows were deleted (others follow within the TTL). */
    void forget(List<String> sessionIdHashes) {
        sessionIdHashes.forEach(recent::invalidate);
    }

    /** Unknown session ids remembered now (bounded by {@link SessionConfig#unknownCacheSize()}). */
    long unknownSessionsRemembered() {
        return recent.absentKeys();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
