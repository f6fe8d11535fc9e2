package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.api.ApiLatency;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes Doorkeeper-shaped JSON responses. */
public final class OAuthResponses {

    public static final String JSON_UTF8 = "application/json; charset=utf-8";

    private OAuthResponses() {
    }

    /**
     * Doorkeeper's {@code ErrorResponse}: {@code {"error","error_description"}} with {@code Cache-Control} and a
     * {@code WWW-Authenticate} challenge on every status.
     */
    public static void error(HttpServerResponse response, OAuthError error) {
        response.end(errorBody(response, error));
    }

    /** {@link #error(HttpServerResponse, OAuthError)}, sent when the token endpoint's latency knob says. */
    static void error(RoutingContext ctx, OAuthError error) {
        ApiLatency.end(ctx, errorBody(ctx.response(), error));
    }

    /** Token-endpoint success headers: {@code no-store, no-cache} plus {@code Pragma}. */
    public static void tokenJson(HttpServerResponse response, JsonObject body) {
        response.end(tokenBody(response, body));
    }

    /** {@link #tokenJson(HttpServerResponse, JsonObject)}, sent when the token endpoint's latency knob says. */
    static void tokenJson(RoutingContext ctx, JsonObject body) {
        ApiLatency.end(ctx, tokenBody(ctx.response(), body));
    }

    private static Buffer errorBody(HttpServerResponse response, OAuthError error) {
        response.setStatusCode(error.status())
                .putHeader("Content-Type", JSON_UTF8)
                .putHeader("Cache-Control", "no-store, no-cache")
                .putHeader("WWW-Authenticate", challenge("Doorkeeper", error.error(), error.description()));
        return Buffer.buffer(new JsonObject().put("error", error.error())
                .put("error_description", error.description()).encode());
    }

    private static Buffer tokenBody(HttpServerResponse response, JsonObject body) {
        response.setStatusCode(200)
                .putHeader("Content-Type", JSON_UTF8)
                .putHeader("Cache-Control", "no-store, no-cache")
                .putHeader("Pragma", "no-cache");
        return Buffer.buffer(body.encode());
    }

    public static void json(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader("Content-Type", JSON_UTF8).end(body.encode());
    }

    /** {@code Bearer realm="...", error="...", error_description="..."}. */
    public static String challenge(String realm, String error, String description) {
        return "Bearer realm=\"" + realm + "\", error=\"" + error + "\", error_description=\"" + description + "\"";
    }
}
