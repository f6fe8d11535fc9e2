package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.oauth.store.OAuthToken;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.Optional;

/** {@code GET /oauth/token/info}: Doorkeeper's token JSON plus GitLab's deprecated aliases. */
public final class TokenInfoHandler {

    /** Doorkeeper's {@code InvalidTokenResponse.new}: always the "unknown" reason here. */
    static final OAuthError INVALID_TOKEN = new OAuthError("invalid_token", "The access token is invalid", 401);

    private final EmulatorState state;

    public TokenInfoHandler(EmulatorState state) {
        this.state = state;
    }

    public void handle(RoutingContext ctx) {
        Instant now = state.clock().instant();
        // Looking the token up counts as its first use for the refresh rotation rule.
        Optional<OAuthToken> token = BearerTokens.from(ctx.request()).flatMap(state.tokens()::use)
                .filter(candidate -> candidate.accessible(now));
        if (token.isEmpty()) {
            OAuthResponses.error(ctx.response(), INVALID_TOKEN);
            return;
        }
        OAuthToken found = token.get();
        long expiresIn = found.expiresInSeconds(now);
        JsonObject body = new JsonObject()
                .put("resource_owner_id", found.userId())
                .put("scope", new JsonArray(found.scopes()))
                .put("expires_in", expiresIn)
                .put("application", new JsonObject().put("uid", found.clientId()))
                .put("created_at", found.createdAt().getEpochSecond())
                .put("scopes", new JsonArray(found.scopes()))
                .put("expires_in_seconds", expiresIn);
        OAuthResponses.json(ctx.response(), 200, body);
    }
}
