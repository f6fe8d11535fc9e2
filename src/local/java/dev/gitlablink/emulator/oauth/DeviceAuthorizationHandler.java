package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.EmulatorApplication;
import dev.gitlablink.emulator.oauth.store.DeviceGrant;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.Scopes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** {@code POST /oauth/authorize_device} (RFC 8628 device authorization request). */
public final class DeviceAuthorizationHandler {

    private final EmulatorState state;
    private final ClientAuthenticator clients;

    public DeviceAuthorizationHandler(EmulatorState state) {
        this.state = state;
        this.clients = new ClientAuthenticator(state.applications());
    }

    public void handle(RoutingContext ctx) {
        if (!(clients.authenticate(ctx.request()) instanceof ClientAuthenticator.Authenticated client)) {
            OAuthResponses.error(ctx.response(), OAuthError.INVALID_CLIENT);
            return;
        }
        EmulatorApplication app = client.application();
        List<String> requested = Scopes.parse(ctx.request().getParam("scope"));
        List<String> scopes = requested.isEmpty() ? Scopes.DEFAULT : requested;
        if (!Scopes.allowed(scopes, app.scopes())) {
            OAuthResponses.error(ctx.response(), OAuthError.INVALID_SCOPE);
            return;
        }
        DeviceGrant grant = state.deviceGrants().create(app.clientId(), scopes, state.knobs().deviceCodeLifetime(),
                state.knobs().devicePollInterval());
        String verificationUri = state.baseUrl() + "/oauth/device";
        JsonObject body = new JsonObject()
                .put("device_code", grant.deviceCode())
                .put("user_code", grant.userCode())
                .put("verification_uri", verificationUri)
                .put("verification_uri_complete", verificationUri + "?user_code=" + grant.userCode())
                .put("expires_in", grant.expiresIn().toSeconds())
                .put("interval", grant.interval().toSeconds());
        ctx.response().setStatusCode(200)
                .putHeader("Content-Type", OAuthResponses.JSON_UTF8)
                .putHeader("Cache-Control", "no-store")
                .putHeader("Pragma", "no-cache")
                .end(body.encode());
    }
}
