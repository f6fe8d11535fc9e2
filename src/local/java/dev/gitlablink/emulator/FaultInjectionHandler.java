package dev.gitlablink.emulator;

import dev.gitlablink.emulator.api.ApiLatency;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * First handler of every request. Applies {@link EmulatorKnobs}: "down" to everything but the admin API;
 * rate-limit headers, latency (a Vert.x timer, never a sleeping thread), 429s and 5xx answers to
 * {@code /api/v4} only, the separate 429s of {@code /oauth} and the latency of {@code /oauth/token}, and the timed
 * faults to both. Also counts answered API requests. With
 * latency, an API request is handled at once and its answer leaves when the latency has passed
 * ({@link ApiLatency}); a 429 or 5xx, which takes no work, is written then.
 */
final class FaultInjectionHandler implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final EmulatorKnobs knobs;
    private final EmulatorStats stats;
    private final ApiRateLimit rateLimit;
    private final String apiBase;
    private final String oauthBase;
    private final String tokenPath;
    private final String adminBase;

    FaultInjectionHandler(Vertx vertx, EmulatorState state, ApiRateLimit rateLimit) {
        this.vertx = vertx;
        this.knobs = state.knobs();
        this.stats = state.stats();
        this.rateLimit = rateLimit;
        this.apiBase = state.path("/api/v4");
        this.oauthBase = state.path("/oauth/");
        this.tokenPath = state.path("/oauth/token");
        this.adminBase = state.path(AdminApi.BASE);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.startsWith(adminBase + "/") || path.equals(adminBase)) {
            ctx.next();
            return;
        }
        if (knobs.down()) {
            ctx.request().connection().close();
            return;
        }
        if (path.startsWith(oauthBase)) {
            Optional<EmulatorKnobs.ApiFault> fault = knobs.takeOAuthFault();
            long tokenDelay = knobs.tokenLatency().toNanos();
            if (fault.isEmpty() && tokenDelay > 0 && path.equals(tokenPath)) {
                ApiLatency.answerAt(ctx, System.nanoTime() + tokenDelay);
            }
            proceed(ctx, fault);
            return;
        }
        if (!path.equals(apiBase) && !path.startsWith(apiBase + "/")) {
            ctx.next();
            return;
        }
        String apiPath = path.substring(apiBase.length());
        String method = ctx.request().method().name();
        ctx.addHeadersEndHandler(v -> stats.recordApiRequest(method, apiPath.isEmpty() ? "/" : apiPath));
        rateLimit.observe(ctx.request());
        Optional<EmulatorKnobs.ApiFault> fault = knobs.takeApiFault();
        long delayMillis = knobs.latency().toMillis();
        if (delayMillis <= 0) {
            proceed(ctx, fault);
        } else if (fault.isPresent()) {
            vertx.setTimer(delayMillis, id -> proceed(ctx, fault));
        } else {
            ApiLatency.answerAt(ctx, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis));
            ctx.next();
        }
    }

    private void proceed(RoutingContext ctx, Optional<EmulatorKnobs.ApiFault> fault) {
        HttpServerResponse response = ctx.response();
        if (response.closed() || response.ended()) {
            return;
        }
        switch (fault.orElse(null)) {
            case null -> ctx.next();
            case EmulatorKnobs.RateLimited limited -> rateLimit.throttle(response, limited.retryAfter());
            case EmulatorKnobs.Failure failure -> fail(response, failure.status());
            case EmulatorKnobs.Truncated truncated ->
                response.putHeader("Content-Type", "application/json").end("[{\"id\":1,\"name\":\"cut sho");
        }
    }

    /** GitLab's own 500 JSON, or the HTML page the proxy in front of Puma serves for 502/503/504. */
    private static void fail(HttpServerResponse response, int status) {
        response.setStatusCode(status);
        if (status == 502 || status == 503 || status == 504) {
            response.putHeader("Content-Type", "text/html; charset=utf-8")
                    .end("<!DOCTYPE html>\n<html>\n<head><title>GitLab is not responding (" + status
                            + ")</title></head>\n<body>\n<h1>" + status + "</h1>\n<h3>GitLab is not responding."
                            + "</h3>\n</body>\n</html>\n");
            return;
        }
        String reason = status == 500 ? "Internal Server Error" : response.getStatusMessage();
        response.putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("message", status + " " + reason).encode());
    }
}
