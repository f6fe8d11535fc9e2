package dev.gitlablink.emulator;

import dev.gitlablink.emulator.oauth.store.AuthorizationCodeStore;
import dev.gitlablink.emulator.oauth.store.OAuthTokenStore;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Test switches of a running emulator; every setter may be called at any time from any thread. */
public final class EmulatorKnobs {

    /** GitLab's {@code access_token_expires_in 7200}. */
    public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(7200);
    /** GitLab's {@code openid_id_token_expire_in_seconds} default. */
    public static final Duration DEFAULT_ID_TOKEN_LIFETIME = Duration.ofSeconds(120);
    /** Device grant polling interval of doorkeeper-device_authorization_grant. */
    public static final Duration DEFAULT_DEVICE_POLL_INTERVAL = Duration.ofSeconds(5);
    /** Device code lifetime of doorkeeper-device_authorization_grant. */
    public static final Duration DEFAULT_DEVICE_CODE_LIFETIME = Duration.ofSeconds(300);

    private volatile Duration accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
    private volatile Duration idTokenLifetime = DEFAULT_ID_TOKEN_LIFETIME;
    private volatile Duration devicePollInterval = DEFAULT_DEVICE_POLL_INTERVAL;
    private volatile Duration deviceCodeLifetime = DEFAULT_DEVICE_CODE_LIFETIME;
    private final AtomicReference<IdTokenFault> nextIdTokenFault = new AtomicReference<>();
    /** {@link #truncateNext}'s answers are pending failures with this status: a 200 whose body is the fault. */
    private static final int TRUNCATED = 200;

    private volatile Duration latency = Duration.ZERO;
    private volatile Duration tokenLatency = Duration.ZERO;
    private volatile boolean down;
    /** The fault every API and OAuth request answers until its deadline ({@link #failFor}, {@link #rateLimitFor}). */
    private final AtomicReference<TimedFault> timed = new AtomicReference<>(TimedFault.NONE);
    /** Pending 5xx answers and 429s; the state object is replaced atomically so counts never go negative. */
    private final AtomicReference<PendingFaults> pending = new AtomicReference<>(PendingFaults.NONE);
    /** Pending 429s of the {@code /oauth} endpoints, kept apart so API faults never reach sign-in by accident. */
    private final AtomicReference<PendingFaults> pendingOAuth = new AtomicReference<>(PendingFaults.NONE);
    /** The refusal the next issue or note creation answers with, instead of creating anything. */
    private final AtomicReference<WriteRefusal> nextWriteRefusal = new AtomicReference<>();
    private final OAuthTokenStore tokens;
    private final AuthorizationCodeStore codes;

    /** Created by the emulator, which owns the token tables the token knobs act on. */
    public EmulatorKnobs(OAuthTokenStore tokens, AuthorizationCodeStore codes) {
        this.tokens = tokens;
        this.codes = codes;
    }

    /**
     * Time every {@code /api/v4} answer takes, counted from the request's arrival: the answer is built at once and
     * held back with a timer (no thread waits meanwhile); a 429 or 5xx fault is written when the time is up.
     */
    public EmulatorKnobs latency(Duration delay) {
        latency = nonNegative(delay);
        return this;
    }

    public Duration latency() {
        return latency;
    }

    /**
     * Time every {@code POST /oauth/token} answer takes, counted from the request's arrival. As with GitLab, the
     * request is served at once (a refresh mints its new pair then) and only the answer is late, so a client that
     * gives up or dies meanwhile never learns of a pair GitLab issued. Longer than the client's read timeout, it is a
     * GitLab that hangs.
     */
    public EmulatorKnobs tokenLatency(Duration delay) {
        tokenLatency = nonNegative(delay);
        return this;
    }

    public Duration tokenLatency() {
        return tokenLatency;
    }

    /**
     * For {@code duration} from now, every {@code /api/v4} and {@code /oauth} request answers {@code status} (as
     * {@link #failNext} words it): a GitLab that is broken for a while rather than for a number of requests.
     */
    public EmulatorKnobs failFor(Duration duration, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400..599");
        }
        timed.set(new TimedFault(deadline(duration), new Failure(status)));
        return this;
    }

    /** For {@code duration} from now, every {@code /api/v4} and {@code /oauth} request is throttled (429). */
    public EmulatorKnobs rateLimitFor(Duration duration, Duration retryAfter) {
        timed.set(new TimedFault(deadline(duration), new RateLimited(nonNegative(retryAfter))));
        return this;
    }

    /** How long the fault of {@link #failFor} or {@link #rateLimitFor} still lasts; zero when none does. */
    public Duration timedFaultLeft() {
        long left = timed.get().until() - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /**
     * The next {@code count} {@code /api/v4} requests answer {@code status}: 500 with GitLab's
     * {@code {"message":"500 Internal Server Error"}}, 502/503/504 with a plain HTML error page as the proxy in
     * front of GitLab sends. Replaces any pending failures.
     */
    public EmulatorKnobs failNext(int count, int status) {
        if (count < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("count must be >= 0 and status 400..599");
        }
        pending.updateAndGet(faults -> faults.withFailures(count, status));
        return this;
    }

    /**
     * The next {@code count} {@code /api/v4} requests are throttled by Rack::Attack: 429, {@code Retry later},
     * {@code Retry-After} of {@code retryAfter} (whole seconds) and the {@code RateLimit-*} headers.
     */
    public EmulatorKnobs rateLimitNext(int count, Duration retryAfter) {
        return rateLimit(pending, count, retryAfter);
    }

    /**
     * The next {@code count} requests to {@code /oauth/...} (token, revoke, token info, userinfo, ...) are throttled
     * by Rack::Attack as in {@link #rateLimitNext}: GitLab's throttles cover the OAuth endpoints too.
     */
    public EmulatorKnobs rateLimitOAuthNext(int count, Duration retryAfter) {
        return rateLimit(pendingOAuth, count, retryAfter);
    }

    private EmulatorKnobs rateLimit(AtomicReference<PendingFaults> faults, int count, Duration retryAfter) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        Duration wait = nonNegative(retryAfter);
        faults.updateAndGet(pendingFaults -> pendingFaults.withRateLimits(count, wait));
        return this;
    }

    /**
     * The next {@code count} {@code /api/v4} requests answer 200 {@code application/json} with a body cut short, as
     * a proxy in front of GitLab may send when the connection to GitLab breaks mid-answer. Replaces any pending
     * {@link #failNext} answers.
     */
    public EmulatorKnobs truncateNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        pending.updateAndGet(faults -> faults.withFailures(count, TRUNCATED));
        return this;
    }

    /** While down, every request except the admin API has its connection closed without an answer. */
    public EmulatorKnobs down(boolean isDown) {
        down = isDown;
        return this;
    }

    public boolean down() {
        return down;
    }

    /** Pending {@link #failNext} answers. */
    public int pendingFailures() {
        return pending.get().failures();
    }

    /** Pending {@link #rateLimitNext} answers. */
    public int pendingRateLimits() {
        return pending.get().rateLimits();
    }

    /**
     * The user's current access tokens expire now (the API answers GitLab's expired-token 401); their refresh
     * tokens stay valid, so a refresh brings the client back.
     *
     * @return how many tokens were expired
     */
    public int expireAccessTokens(long userId) {
        return tokens.expireAccessTokens(userId);
    }

    /**
     * As if the user revoked the application: every token and code of the user is revoked (the API answers the
     * revoked-token 401, refresh answers {@code invalid_grant}).
     *
     * @return how many token rows were revoked
     */
    public int revokeAllTokens(long userId) {
        codes.revokeAll(userId);
        return tokens.revokeAll(userId);
    }

    /**
     * Takes the fault the next API request must answer with, if any: a timed one, else a counted one (rate limits
     * first, as Rack::Attack).
     */
    Optional<ApiFault> takeApiFault() {
        return timedFault().or(() -> pending.getAndUpdate(PendingFaults::consume).next());
    }

    /** Takes the fault the next {@code /oauth} request must answer with, if any: a timed one, else a counted 429. */
    Optional<ApiFault> takeOAuthFault() {
        return timedFault().or(() -> pendingOAuth.getAndUpdate(PendingFaults::consume).next());
    }

    private Optional<ApiFault> timedFault() {
        TimedFault fault = timed.get();
        return fault.until() - System.nanoTime() > 0 ? Optional.of(fault.fault()) : Optional.empty();
    }

    /** Lifetime of access tokens issued from now on (refreshed tokens keep their original lifetime). */
    public EmulatorKnobs accessTokenLifetime(Duration lifetime) {
        accessTokenLifetime = nonNegative(lifetime);
        return this;
    }

    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    /** {@code exp - iat} of ID tokens issued from now on. */
    public EmulatorKnobs idTokenLifetime(Duration lifetime) {
        idTokenLifetime = nonNegative(lifetime);
        return this;
    }

    public Duration idTokenLifetime() {
        return idTokenLifetime;
    }

    /** Minimum time between device-code polls before {@code slow_down}; also the advertised {@code interval}. */
    public EmulatorKnobs devicePollInterval(Duration interval) {
        devicePollInterval = nonNegative(interval);
        return this;
    }

    public Duration devicePollInterval() {
        return devicePollInterval;
    }

    /** Lifetime of device codes issued from now on. */
    public EmulatorKnobs deviceCodeLifetime(Duration lifetime) {
        deviceCodeLifetime = nonNegative(lifetime);
        return this;
    }

    public Duration deviceCodeLifetime() {
        return deviceCodeLifetime;
    }

    /** Applies {@code fault} to the next ID token only; {@code null} clears a pending fault. */
    public EmulatorKnobs nextIdTokenFault(IdTokenFault fault) {
        nextIdTokenFault.set(fault);
        return this;
    }

    /** Returns and clears the pending ID token fault; used by the emulator when it signs an ID token. */
    public Optional<IdTokenFault> takeIdTokenFault() {
        return Optional.ofNullable(nextIdTokenFault.getAndSet(null));
    }

    /**
     * The next issue or note creation is refused as GitLab refuses an invalid model: {@code status} (400, or 422 where
     * an endpoint passes it to {@code render_validation_error!}) with {@code {"message":{field:[message]}}}.
     */
    public EmulatorKnobs refuseNextWrite(int status, String field, String message) {
        nextWriteRefusal.set(new WriteRefusal(status, field, message));
        return this;
    }

    /** Takes the pending write refusal, if any; used by the emulator's write endpoints. */
    public Optional<WriteRefusal> takeWriteRefusal() {
        return Optional.ofNullable(nextWriteRefusal.getAndSet(null));
    }

    /** A validation refusal of one write: GitLab's status and one field's message. */
    public record WriteRefusal(int status, String field, String message) {
    }

    /** Back to GitLab's defaults: no pending fault, no latency, not down. */
    public void reset() {
        accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
        idTokenLifetime = DEFAULT_ID_TOKEN_LIFETIME;
        devicePollInterval = DEFAULT_DEVICE_POLL_INTERVAL;
        deviceCodeLifetime = DEFAULT_DEVICE_CODE_LIFETIME;
        nextIdTokenFault.set(null);
        nextWriteRefusal.set(null);
        latency = Duration.ZERO;
        tokenLatency = Duration.ZERO;
        timed.set(TimedFault.NONE);
        down = false;
        pending.set(PendingFaults.NONE);
        pendingOAuth.set(PendingFaults.NONE);
    }

    private static long deadline(Duration duration) {
        return System.nanoTime() + nonNegative(duration).toNanos();
    }

    private static Duration nonNegative(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        return duration;
    }

    /** A forced answer for one API request. */
    sealed interface ApiFault {
    }

    /** Throttled by Rack::Attack. */
    record RateLimited(Duration retryAfter) implements ApiFault {
    }

    /** An error status from GitLab or its proxy. */
    record Failure(int status) implements ApiFault {
    }

    /** A 200 whose JSON body is cut short. */
    record Truncated() implements ApiFault {
    }

    /** A fault answered until {@code until} (a {@link System#nanoTime()} value). */
    private record TimedFault(long until, ApiFault fault) {

        static final TimedFault NONE = new TimedFault(System.nanoTime(), null);
    }

    private record PendingFaults(int rateLimits, Duration retryAfter, int failures, int status) {

        static final PendingFaults NONE = new PendingFaults(0, Duration.ZERO, 0, 500);

        PendingFaults withFailures(int count, int newStatus) {
            return new PendingFaults(rateLimits, retryAfter, count, newStatus);
        }

        PendingFaults withRateLimits(int count, Duration wait) {
            return new PendingFaults(count, wait, failures, status);
        }

        PendingFaults consume() {
            if (rateLimits > 0) {
                return new PendingFaults(rateLimits - 1, retryAfter, failures, status);
            }
            return failures > 0 ? new PendingFaults(0, retryAfter, failures - 1, status) : this;
        }

        Optional<ApiFault> next() {
            if (rateLimits > 0) {
                return Optional.of(new RateLimited(retryAfter));
            }
            if (failures == 0) {
                return Optional.empty();
            }
            return Optional.of(status == TRUNCATED ? new Truncated() : new Failure(status));
        }
    }
}
