package dev.gitlablink.link.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
        return persist(session, instance, LinkIntent.LINK, null, null);
    }

    /**
     * A new intent of {@code session} to widen the grant of its user's account {@code accountId} on {@code instance}
     * to {@code scopes} (space-separated); the caller has checked the account is the user's.
     */
    @Transactional
    NewLinkIntent createStepUp(SessionPrincipal session, UUID accountId, String instance, String scopes) {
        return persist(session, instance, LinkIntent.STEP_UP, accountId, scopes);
    }

    private NewLinkIntent persist(SessionPrincipal session, String instance, String kind, UUID accountId,
            String scopes) {
        Instant now = clock.instant();
        String id = SessionIds.newId();
        LinkIntent intent = new LinkIntent();
        intent.idHash = SessionIds.hash(id);
        intent.sessionIdHash = session.sessionIdHash();
        intent.userId = session.userId();
        intent.instance = instance;
        intent.kind = kind;
        intent.accountId = accountId;
        intent.scopes = scopes;
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
        return begin(id, sessionCookie, LinkIntent.LINK).instance;
    }

    /** As {@link #start}, for a step-up intent: its instance and the scopes to ask GitLab for. */
    @Transactional
    public StepUpStart startStepUp(String id, Optional<String> sessionCookie) {
        LinkIntent intent = begin(id, sessionCookie, LinkIntent.STEP_UP);
        return new StepUpStart(intent.instance, intent.scopes);
    }

    private LinkIntent begin(String id, Optional<String> sessionCookie, String kind) {
        Instant now = clock.instant();
        LinkIntent intent = find(id, kind).orElseThrow(() -> refusal(ProblemCode.LINK_INTENT_NOT_FOUND));
        if (intent.startedAt != null || intent.consumedAt != null) {
            throw refusal(ProblemCode.LINK_INTENT_USED);
        }
        Optional<ProblemCode> refused = check(intent, sessionCookie, now);
        if (refused.isPresent()) {
            throw refusal(refused.get());
        }
        intent.startedAt = now;
        return intent;
    }

    /**
     * Uses the intent up, whatever the outcome, and says whom to link to: only for an unused, unexpired intent that
     * comes back in the same live session that made it.
     */
    @Transactional
    LinkTarget consume(String id, Optional<String> sessionCookie) {
        return use(id, sessionCookie, LinkIntent.LINK);
    }

    /** As {@link #consume}, for a step-up intent: the account to widen, and to which scopes. */
    @Transactional
    LinkTarget consumeStepUp(String id, Optional<String> sessionCookie) {
        return use(id, sessionCookie, LinkIntent.STEP_UP);
    }

    private LinkTarget use(String id, Optional<String> sessionCookie, String kind) {
        Instant now = clock.instant();
        Optional<LinkIntent> found = find(id, kind);
        if (found.isEmpty()) {
            return LinkTarget.refused(ProblemCode.LINK_INTENT_NOT_FOUND);
        }
        LinkIntent intent = found.get();
        if (intent.consumedAt != null) {
            return LinkTarget.refused(ProblemCode.LINK_INTENT_USED);
        }
        intent.consumedAt = now;
        return check(intent, sessionCookie, now).map(LinkTarget::refused)
                .orElseGet(() -> new LinkTarget(intent.userId, intent.instance, intent.accountId, intent.scopes,
                        null));
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        long purged = intents.deleteExpired(clock.instant());
        if (purged > 0) {
            Log.infof("Purged %d expired link intents", purged);
        }
    }

    /** The intent, if it is of {@code kind}: a step-up id opens no link, and a link id no step-up. */
    private Optional<LinkIntent> find(String id, String kind) {
        return (SessionIds.isWellFormed(id) ? intents.findForUpdate(SessionIds.hash(id)) : Optional.<LinkIntent>empty())
                .filter(intent -> intent.kind.equals(kind));
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
