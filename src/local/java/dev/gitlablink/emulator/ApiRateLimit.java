package dev.gitlablink.emulator;

import dev.gitlablink.emulator.oauth.BearerTokens;
import dev.gitlablink.emulator.oauth.store.OAuthToken;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rack::Attack's informational {@code RateLimit-*} headers with gitlab.com's API throttles (2,000 requests per
 * minute per user, 500 per IP unauthenticated), counted in fixed one-minute windows. Nothing is throttled here:
 * 429s come only from {@link EmulatorKnobs#rateLimitNext}.
 */
final class ApiRateLimit {

    private static final long PERIOD_SECONDS = 60;
    private static final int AUTHENTICATED_LIMIT = 2000;
    private static final int UNAUTHENTICATED_LIMIT = 500;

    private record Window(long index, int observed) {
    }

    private final EmulatorState state;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    ApiRateLimit(EmulatorState state) {
        this.state = state;
    }

    /** Counts the request against its user (or IP) and sets the headers of a normal answer. */
    void observe(HttpServerRequest request) {
        Instant now = state.clock().instant();
        Optional<Long> userId = BearerTokens.from(request).flatMap(state.tokens()::findByAccessToken)
                .filter(token -> token.accessible(now)).map(OAuthToken::userId);
        String key = userId.map(id -> "user:" + id).orElseGet(() -> "ip:" + request.remoteAddress().hostAddress());
        int limit = userId.isPresent() ? AUTHENTICATED_LIMIT : UNAUTHENTICATED_LIMIT;
        long index = now.getEpochSecond() / PERIOD_SECONDS;
        Window window = windows.compute(key, (k, old) -> old == null || old.index() != index
                ? new Window(index, 1) : new Window(index, old.observed() + 1));
        String name = userId.isPresent() ? "throttle_authenticated_api" : "throttle_unauthenticated_api";
        headers(request.response(), name, limit, window.observed(), (index + 1) * PERIOD_SECONDS);
    }

    /** Rack::Attack's throttled response: the headers plus {@code Retry-After} and {@code RateLimit-ResetTime}. */
    void throttle(HttpServerResponse response, Duration retryAfter) {
        Instant reset = state.clock().instant().plus(retryAfter);
        String limit = response.headers().get("RateLimit-Limit");
        int quota = limit == null ? AUTHENTICATED_LIMIT : Integer.parseInt(limit);
        String name = response.headers().get("RateLimit-Name");
        headers(response, name == null ? "throttle_authenticated_api" : name, quota, quota + 1,
                reset.getEpochSecond());
        response.setStatusCode(429)
                .putHeader("Retry-After", String.valueOf(Math.max(0, retryAfter.toSeconds())))
                .putHeader("RateLimit-ResetTime",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(reset.atZone(ZoneOffset.UTC)))
                .putHeader("Content-Type", "text/plain")
                .end("Retry later\n");
    }

    void reset() {
        windows.clear();
    }

    private static void headers(HttpServerResponse response, String name, int limit, int observed, long resetAt) {
        // RateLimit-Limit is the quota normalised to 60 s; with one-minute periods it is the limit itself.
        response.putHeader("RateLimit-Name", name)
                .putHeader("RateLimit-Limit", String.valueOf(limit))
                .putHeader("RateLimit-Observed", String.valueOf(observed))
                .putHeader("RateLimit-Remaining", String.valueOf(Math.max(limit - observed, 0)))
                .putHeader("RateLimit-Reset", String.valueOf(resetAt));
    }
}
