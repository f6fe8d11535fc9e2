package dev.gitlablink.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.gitlablink.account.AccountForbidden;
import dev.gitlablink.account.UserGrants;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Ends sessions: one (sign-out), all of a user's (sign out everywhere), the expired ones (a scheduled sweep), or the
 * user altogether. When that leaves the user without a live session, their GitLab grants are given up in the same
 * transaction (revoked through the outbox after the commit), unless {@link SessionConfig#revokeGrantsOnSignOut()}
 * is off. Each decision holds the user's row lock, so two sign-outs of a user's last two sessions cannot both think
 * the other one is still live.
 */
@ApplicationScoped
public class SignOut {

    /** Users whose expired sessions one sweep transaction handles at most. */
    private static final int SWEEP_BATCH = 100;

    private final AppSessionRepository sessions;
    private final SessionService sessionService;
    private final UserGrants grants;
    private final SessionConfig config;
    private final Clock clock;

    SignOut(AppSessionRepository sessions, SessionService sessionService, UserGrants grants, SessionConfig config,
            Clock clock) {
        this.sessions = sessions;
        this.sessionService = sessionService;
        this.grants = grants;
        this.config = config;
        this.clock = clock;
    }

    /** Ends one session of {@code userId}; gives up the user's grants if it was their last live one. */
    void endSession(UUID userId, String sessionIdHash) {
        QuarkusTransaction.requiringNew().run(() -> {
            grants.lock(userId);
            sessions.deleteById(sessionIdHash);
            giveUpGrantsIfLast(userId, "sign-out of the last session");
        });
        // After the commit too: a request that read the row before the delete committed may have cached it.
        sessionService.forget(List.of(sessionIdHash));
    }

    /** Ends a session without looking at the user's grants: a sign-in replaces it with a new one at once. */
    void replace(String sessionIdHash) {
        QuarkusTransaction.requiringNew().run(() -> sessions.deleteById(sessionIdHash));
        sessionService.forget(List.of(sessionIdHash));
    }

    /** Ends every session of the user (sign out everywhere), and so gives up their grants. */
    void endAll(UUID userId) {
        List<String> ended = QuarkusTransaction.requiringNew().call(() -> {
            grants.lock(userId);
            List<String> idHashes = sessions.idHashesOf(userId);
            sessions.delete("userId", userId);
            giveUpGrantsIfLast(userId, "signed out everywhere");
            return idHashes;
        });
        sessionService.forget(ended);
        Log.infof("Ended all %d sessions of app user %s", ended.size(), userId);
    }

    /** Gives up every grant of the user and deletes them with their accounts and sessions. */
    void deleteUser(UUID userId) {
        List<String> ended = QuarkusTransaction.requiringNew().call(() -> {
            grants.lock(userId);
            List<String> idHashes = sessions.idHashesOf(userId);
            grants.deleteUser(userId);
            return idHashes;
        });
        sessionService.forget(ended);
    }

    /**
     * An account the access policy no longer allows was the user's last allowed one: every session of the user ends
     * (and with them the grants of the user's other accounts, as at signing out everywhere). After the commit, so that
     * a rolled-back forbidding ends nothing.
     */
    void onAccountForbidden(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountForbidden forbidden) {
        if (forbidden.lastAllowedAccount()) {
            Log.infof("Ending the sessions of app user %s: the access policy no longer allows any of their accounts",
                    forbidden.userId());
            endAll(forbidden.userId());
        }
    }

    /** Deletes expired sessions; users left without a live session get their grants given up as at sign-out. */
    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepExpired() {
        List<UUID> users;
        do {
            Instant now = clock.instant();
            users = QuarkusTransaction.requiringNew().call(() -> sessions.usersWithExpiredSessions(now, SWEEP_BATCH));
            users.forEach(userId -> QuarkusTransaction.requiringNew().run(() -> {
                grants.lock(userId);
                long purged = sessions.deleteExpired(userId, now);
                if (purged > 0) {
                    Log.infof("Purged %d expired sessions of app user %s", purged, userId);
                    giveUpGrantsIfLast(userId, "the last session expired");
                }
            }));
        } while (users.size() == SWEEP_BATCH);
    }

    private void giveUpGrantsIfLast(UUID userId, String reason) {
        if (config.revokeGrantsOnSignOut() && !sessions.hasLiveSession(userId, clock.instant())) {
            grants.revokeAll(userId, reason);
        }
    }
}
