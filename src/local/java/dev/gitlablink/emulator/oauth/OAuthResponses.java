package dev.gitlablink.emulator.oauth;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

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
        response.setStatusCode(error.status())
                .putHeader("Content-Type", JSON_UTF8)
                .putHeader("Cache-Control", "no-store, no-cache")
                .putHeader("WWW-Authenticate", challenge("Doorkeeper", error.error(), error.description()))
                .end(new JsonObject().put("error", error.error())
                        .put("error_description", error.description()).encode());
    }

    /** Token-endpoint success headers: {@code no-store, no-cache} plus {@code Pragma}. */
    public static void tokenJson(HttpServerResponse response, JsonObject body) {
        response.setStatusCode(200)
                .putHeader("Content-Type", JSON_UTF8)
                .putHeader("Cache-Control", "no-store, no-cache")
                .putHeader("Pragma", "no-cache")
                .end(body.encode());
    }

    public static void json(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader("Content-Type", JSON_UTF8).end(body.encode());
    }

    /** {@code Bearer realm="...", error="...", error_description="..."}. */
    public static String challenge(String realm, String error, String description) {
        return "Bearer realm=\"" + realm + "\", error=\"" + error + "\", error_description=\"" + description + "\"";
    }
}
