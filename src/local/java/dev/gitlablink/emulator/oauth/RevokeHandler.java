package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.oauth.store.RevokeOutcome;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /oauth/revoke} (RFC 7009): 200 {} even for unknown tokens, 403 for the wrong client. */
public final class RevokeHandler {

    private final EmulatorState state;
    private final ClientAuthenticator clients;

    public RevokeHandler(EmulatorState state) {
        this.state = state;
        this.clients = new ClientAuthenticator(state.applications());
    }

    public void handle(RoutingContext ctx) {
        // GitLab's validate_presence_of_client: the client must authenticate before anything else.
        if (!(clients.authenticate(ctx.request()) instanceof ClientAuthenticator.Authenticated client)) {
            forbidden(ctx);
            return;
        }
        String token = ctx.request().getParam("token");
        boolean refreshHint = "refresh_token".equals(ctx.request().getParam("token_type_hint"));
        RevokeOutcome outcome = token == null || token.isBlank() ? RevokeOutcome.UNKNOWN
                : state.tokens().revoke(token, refreshHint, client.application().clientId());
        if (outcome == RevokeOutcome.OTHER_CLIENT) {
            forbidden(ctx);
            return;
        }
        state.stats().recordRevocation();
        OAuthResponses.json(ctx.response(), 200, new JsonObject());
    }

    private static void forbidden(RoutingContext ctx) {
        OAuthError error = OAuthError.UNAUTHORIZED_REVOKE;
        OAuthResponses.json(ctx.response(), error.status(), new JsonObject().put("error", error.error())
                .put("error_description", error.description()));
    }
}
