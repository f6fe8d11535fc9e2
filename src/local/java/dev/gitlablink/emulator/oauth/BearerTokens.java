package dev.gitlablink.emulator.oauth;

import io.vertx.core.http.HttpServerRequest;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the access token of a request in GitLab's {@code access_token_methods} order:
 * {@code access_token} param, {@code Authorization: Bearer}, {@code bearer_token} param.
 */
public final class BearerTokens {

    private static final Pattern BEARER = Pattern.compile("^Bearer ", Pattern.CASE_INSENSITIVE);

    private BearerTokens() {
    }

    public static Optional<String> from(HttpServerRequest request) {
        String param = request.getParam("access_token");
        if (param != null && !param.isBlank()) {
            return Optional.of(param);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && BEARER.matcher(authorization).find()) {
            String token = BEARER.matcher(authorization).replaceFirst("");
            if (!token.isBlank()) {
                return Optional.of(token);
            }
        }
        String bearerParam = request.getParam("bearer_token");
        return bearerParam == null || bearerParam.isBlank() ? Optional.empty() : Optional.of(bearerParam);
    }
}
