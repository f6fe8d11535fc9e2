package dev.gitlablink.limit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The instance's limits, built once from {@link LimitsConfig}. Refusals count in
 * {@code gitlab_link_requests_limited_total{limit}}.
 */
@ApplicationScoped
public class Limits {

    static final String REFUSED_COUNTER = "gitlab_link.requests.limited";

    private final KeyedRateLimit api;
    private final KeyedRateLimit signIn;
    private final KeyedBulkhead sessionGitLabCalls;

    public Limits(LimitsConfig config, MeterRegistry metrics) {
        this.api = new KeyedRateLimit(LimitKind.API, config.apiRequests(), config.apiWindow(),
                config.maxTrackedKeys(), refused(metrics, LimitKind.API));
        this.signIn = new KeyedRateLimit(LimitKind.SIGN_IN, config.signInRequests(), config.signInWindow(),
                config.maxTrackedKeys(), refused(metrics, LimitKind.SIGN_IN));
        this.sessionGitLabCalls = new KeyedBulkhead(LimitKind.SESSION_GITLAB_CALLS, config.sessionGitlabCalls(),
                config.sessionGitlabCallsQueued(), config.maxTrackedKeys(),
                refused(metrics, LimitKind.SESSION_GITLAB_CALLS));
    }

    /** Requests per session on /api, keyed by the session's id hash. */
    public KeyedRateLimit api() {
        return api;
    }

    /** Requests per client address on the sign-in paths. */
    public KeyedRateLimit signIn() {
        return signIn;
    }

    /** GitLab data requests in flight per session. */
    public KeyedBulkhead sessionGitLabCalls() {
        return sessionGitLabCalls;
    }

    private static Counter refused(MeterRegistry metrics, LimitKind kind) {
        return Counter.builder(REFUSED_COUNTER)
                .description("Requests refused with 429 rate_limited, by limit")
                .tag("limit", kind.label())
                .register(metrics);
    }
}
