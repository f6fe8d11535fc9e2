package dev.gitlablink.limit;

import java.time.Duration;

/** A client asked more than a limit allows; it may try again after {@link #retryAfter()}. */
public class RequestLimitedException extends RuntimeException {

    private final LimitKind kind;
    private final Duration retryAfter;

    public RequestLimitedException(LimitKind kind, Duration retryAfter) {
        super(kind.label() + " limit reached", null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public LimitKind kind() {
        return kind;
    }

    /** At least one second, as {@code Retry-After} counts whole seconds. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
