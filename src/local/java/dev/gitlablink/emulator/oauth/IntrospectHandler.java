package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.oauth.store.OAuthToken;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.Scopes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /oauth/introspect} (RFC 7662), advertised in discovery. Callers authenticate with client
 * credentials or a Bearer token; either may only introspect tokens of its own application.
 */
public final class IntrospectHandler {

    private final EmulatorState state;
    private final ClientAuthenticator clients;

    public IntrospectHandler(EmulatorState state) {
        this.state = state;
        this.clients = new ClientAuthenticator(state.applications());
    }

    public void handle(RoutingContext ctx) {
        Instant now = state.clock().instant();
        Optional<String> callerClientId = callerClientId(ctx, now);
        if (callerClientId.isEmpty()) {
            OAuthResponses.error(ctx.response(), OAuthError.INVALID_CLIENT);
            return;
        }
        String token = ctx.request().getParam("token");
        Optional<OAuthToken> found = "refresh_token".equals(ctx.request().getParam("token_type_hint"))
                ? state.tokens().findByRefreshToken(token) : state.tokens().findByAccessToken(token);
        Optional<OAuthToken> active = found.filter(candidate -> candidate.accessible(now))
                .filter(candidate -> candidate.clientId().equals(callerClientId.get()));
        JsonObject body = active.map(this::activeBody).orElseGet(() -> new JsonObject().put("active", false));
        OAuthResponses.json(ctx.response(), 200, body);
    }

    private JsonObject activeBody(OAuthToken token) {
        return new JsonObject()
                .put("active", true)
                .put("scope", Scopes.join(token.scopes()))
                .put("client_id", token.clientId())
                .put("token_type", "Bearer")
                .put("iat", token.createdAt().getEpochSecond())
                .put("exp", token.expiresAt().getEpochSecond());
    }

    private Optional<String> callerClientId(RoutingContext ctx, Instant now) {
        if (clients.authenticate(ctx.request()) instanceof ClientAuthenticator.Authenticated client) {
            return Optional.of(client.application().clientId());
        }
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return state.tokens().findByAccessToken(authorization.substring(7).strip())
                .filter(caller -> caller.accessible(now))
                .map(OAuthToken::clientId);
    }
}
