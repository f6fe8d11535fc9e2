package dev.gitlablink.limit;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much one client may ask of one instance: requests per session on {@code /api}, sign-in requests per client
 * address, and GitLab calls in flight per session. The defaults leave room for one person with several tabs; each
 * limit counts per replica.
 */
@ConfigMapping(prefix = "gitlab-link.limits")
public interface LimitsConfig {

    /**
     * Requests one session may make to {@code /api} per {@link #apiWindow()}; beyond it 429 {@code rate_limited}.
     * A page of the SPA makes about six, so five tabs opened at once stay well inside. Environment variable
     * {@code API_RATE_LIMIT}.
     */
    @WithDefault("100")
    @Min(1)
    int apiRequests();

    /**
     * The window of {@link #apiRequests()}: a fixed window from a session's first request. Environment variable
     * {@code API_RATE_LIMIT_WINDOW}.
     */
    @WithDefault("10S")
    Duration apiWindow();

    /**
     * Requests one client address may make to {@code /login} and {@code /auth/callback} per {@link #signInWindow()}
     * (a sign-in takes three: {@code /login}, the callback, {@code /login} again). Behind a proxy the address is the
     * forwarded one only with {@code TRUST_PROXY_HEADERS}. Environment variable {@code SIGN_IN_RATE_LIMIT}.
     */
    @WithDefault("60")
    @Min(1)
    int signInRequests();

    /** The window of {@link #signInRequests()}. Environment variable {@code SIGN_IN_RATE_LIMIT_WINDOW}. */
    @WithDefault("1M")
    Duration signInWindow();

    /**
     * GitLab data requests one session may have in flight at once; as many more wait for a free place, and beyond
     * that 429 {@code rate_limited}. Environment variable {@code SESSION_GITLAB_CALLS}.
     */
    @WithDefault("16")
    @Min(1)
    int sessionGitlabCalls();

    /**
     * GitLab data requests of one session that may wait for a place. Environment variable
     * {@code SESSION_GITLAB_CALLS_QUEUED}.
     */
    @WithDefault("16")
    @Min(1)
    int sessionGitlabCallsQueued();

    /**
     * Sessions or addresses whose counters each limit keeps at most; the least recently seen are forgotten first
     * (their next request starts a fresh count), so memory stays bounded whatever the number of clients.
     */
    @WithDefault("20000")
    @Min(1)
    int maxTrackedKeys();
}
