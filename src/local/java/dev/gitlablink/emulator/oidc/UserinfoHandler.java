package dev.gitlablink.emulator.oidc;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.oauth.BearerTokens;
import dev.gitlablink.emulator.oauth.OAuthResponses;
import dev.gitlablink.emulator.oauth.store.OAuthToken;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.Scopes;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.Optional;

/** {@code GET/POST /oauth/userinfo}: {@code doorkeeper_authorize! :openid}, errors as empty bodies. */
public final class UserinfoHandler {

    private final EmulatorState state;
    private final OidcClaims claims;

    public UserinfoHandler(EmulatorState state) {
        this.state = state;
        this.claims = new OidcClaims(state);
    }

    public void handle(RoutingContext ctx) {
        Instant now = state.clock().instant();
        // The lookup is a "use" of the token: it revokes the row the token was refreshed from.
        Optional<OAuthToken> token = BearerTokens.from(ctx.request()).flatMap(state.tokens()::use);
        if (token.isEmpty() || !token.get().accessible(now)) {
            emptyError(ctx, 401, "invalid_token", invalidTokenDescription(token, now));
            return;
        }
        if (!token.get().scopes().contains(Scopes.OPENID)) {
            // Doorkeeper's header sanitiser turns the quotes around the scope into underscores.
            emptyError(ctx, 403, "insufficient_scope", "Access to this resource requires scope _openid_.");
            return;
        }
        EmulatorUser user = state.users().findById(token.get().userId()).orElseThrow();
        state.stats().recordUserinfo(user.id());
        ctx.response().putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
        OAuthResponses.json(ctx.response(), 200, claims.userinfo(user, token.get().scopes()));
    }

    /** Doorkeeper's {@code InvalidTokenResponse.from_access_token}: revoked wins over expired. */
    private static String invalidTokenDescription(Optional<OAuthToken> token, Instant now) {
        if (token.isPresent() && token.get().revoked(now)) {
            return "The access token was revoked";
        }
        if (token.isPresent() && token.get().expired(now)) {
            return "The access token expired";
        }
        return "The access token is invalid";
    }

    /** Rails {@code head status}: no body, Doorkeeper's error headers minus Content-Type. */
    private static void emptyError(RoutingContext ctx, int status, String error, String description) {
        ctx.response().setStatusCode(status)
                .putHeader("Cache-Control", "no-store, no-cache")
                .putHeader("WWW-Authenticate", OAuthResponses.challenge("Doorkeeper", error, description))
                .end();
    }
}
