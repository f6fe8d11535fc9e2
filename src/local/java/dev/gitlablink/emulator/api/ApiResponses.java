package dev.gitlablink.emulator.api;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Supplier;

/** Grape-style JSON responses with the headers every GitLab API response carries. */
public final class ApiResponses {

    private ApiResponses() {
    }

    /**
     * {@code body} encoded as JSON straight into UTF-8 bytes (not into a String first), sent when the latency
     * knob lets it go ({@link ApiLatency}).
     */
    public static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Frame-Options", "SAMEORIGIN")
                .putHeader("X-Content-Type-Options", "nosniff");
        ApiLatency.end(ctx, Json.encodeToBuffer(body));
    }

    /** {@code {"message":"<status> <text>"}}, e.g. {@code 404 Project Not Found}. */
    public static void message(RoutingContext ctx, int status, String message) {
        json(ctx, status, new JsonObject().put("message", message));
    }

    /** 200 with the body {@code handler} builds, or the error it throws as an {@link ApiException}. */
    static void respond(RoutingContext ctx, Supplier<Object> handler) {
        Object body;
        try {
            body = handler.get();
        } catch (ApiException e) {
            if (e.location() != null) {
                ctx.response().putHeader("Location", e.location());
            }
            json(ctx, e.status(), e.body());
            return;
        }
        json(ctx, 200, body);
    }

    /** Unknown API route: note {@code error}, not {@code message}. */
    public static void routeNotFound(RoutingContext ctx) {
        json(ctx, 404, new JsonObject().put("error", "404 Not Found"));
    }
}
