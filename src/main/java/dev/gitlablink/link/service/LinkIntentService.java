package dev.gitlablink.link.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gitlablink.api.Problem;
import dev.gitlablink.api.ProblemCode;
import dev.gitlablink.api.ProblemException;
import dev.gitlablink.auth.SessionIds;
import dev.gitlablink.auth.SessionPrincipal;
import dev.gitlablink.auth.SessionService;
import dev.gitlablink.gitlab.GitLabInstances;
import dev.gitlablink.link.repository.LinkIntent;
import dev.gitlablink.link.repository.LinkIntentRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Link intents: made by a signed-in session, started once from that session's browser, and consumed once when
 * GitLab's code flow comes back, again only in that same live session. Whatever else arrives links nothing.
 */
@ApplicationScoped
public class LinkIntentService {

    private final LinkIntentRepository intents;
    private final GitLabInstances instances;
    private final SessionService sessions;
    private final LinkConfig config;
    private final Clock clock;

    LinkIntentService(LinkIntentRepository intents, GitLabInstances instances, SessionService sessions,
            LinkConfig config, Clock clock) {
        this.intents = intents;
        this.instances = instances;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    /** A new intent of {@code session} to link an account on {@code instance}; 400 for an unknown instance. */
    @Transactional
    public NewLinkIntent create(SessionPrincipal session, String instance) {
        if (instance == null || instances.byId(instance).isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "No such GitLab instance.",
                    List.of(new Problem.FieldError("instance", "unknown_instance")));
        }
        Instant now = clock.instant();
        String id = SessionIds.newId();
        LinkIntent intent = new LinkIntent();
        intent.idHash = SessionIds.hash(id);
        intent.sessionIdHash = session.sessionIdHash();
        intent.userId = session.userId();
        intent.instance = instance;
        intent.createdAt = now;
        intent.expiresAt = now.plus(config.intentLifetime());
        intents.persist(intent);
        return new NewLinkIntent(id, intent.expiresAt);
    }

    /**
     * Marks the intent started, once, for the session that made it; refuses (and changes nothing) otherwise, so a
     * link URL passed to another browser goes nowhere.
     */
    @Transactional
    public String start(String id, Optional<String> sessionCookie) {
        Instant now = clock.instant();
        LinkIntent intent = find(id).orElseThrow(() -> refusal(ProblemCode.LINK_INTENT_NOT_FOUND));
        if (intent.startedAt != null || intent.consumedAt != null) {
            throw refusal(ProblemCode.LINK_INTENT_USED);
        }
        Optional<ProblemCode> refused = check(intent, sessionCookie, now);
        if (refused.isPresent()) {
            throw refusal(refused.get());
        }
        intent.startedAt = now;
        return intent.instance;
    }

    /**
     * Uses the intent up, whatever the outcome, and says whom to link to: only for an unused, unexpired intent that
     * comes back in the same live session that made it.
     */
    @Transactional
    LinkTarget consume(String id, Optional<String> sessionCookie) {
        Instant now = clock.instant();
        Optional<LinkIntent> found = find(id);
        if (found.isEmpty()) {
            return LinkTarget.refused(ProblemCode.LINK_INTENT_NOT_FOUND);
        }
        LinkIntent intent = found.get();
        if (intent.consumedAt != null) {
            return LinkTarget.refused(ProblemCode.LINK_INTENT_USED);
        }
        intent.consumedAt = now;
        return check(intent, sessionCookie, now).map(LinkTarget::refused)
                .orElseGet(() -> new LinkTarget(intent.userId, intent.instance, null));
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        long purged = intents.deleteExpired(clock.instant());
        if (purged > 0) {
            Log.infof("Purged %d expired link intents", purged);
        }
    }

    private Optional<LinkIntent> find(String id) {
        return SessionIds.isWellFormed(id) ? intents.findForUpdate(SessionIds.hash(id)) : Optional.empty();
    }

    /** Why the intent may not be used now in the session the cookie names, if it may not. */
    private Optional<ProblemCode> check(LinkIntent intent, Optional<String> sessionCookie, Instant now) {
        if (!intent.expiresAt.isAfter(now)) {
            return Optional.of(ProblemCode.LINK_INTENT_EXPIRED);
        }
        boolean sameSession = sessionCookie.flatMap(sessions::resolveStoredCookie)
                .map(SessionPrincipal::sessionIdHash)
                .filter(intent.sessionIdHash::equals)
                .isPresent();
        return sameSession ? Optional.empty() : Optional.of(ProblemCode.LINK_SESSION_MISMATCH);
    }

    static ProblemException refusal(ProblemCode code) {
        return new ProblemException(code, LinkErrors.detail(code));
    }
}
