package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.oauth.store.IssuedTokenRecord;
import dev.gitlablink.emulator.oauth.store.OAuthToken;
import dev.gitlablink.emulator.oidc.IdTokenIssuer;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.Scopes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/** {@code POST /oauth/token}: dispatches on {@code grant_type} and renders Doorkeeper's token response. */
public final class TokenHandler {

    private static final Logger LOG = Logger.getLogger(TokenHandler.class);

    private final EmulatorState state;
    private final IdTokenIssuer idTokens;
    private final AuthorizationCodeGrant authorizationCode;
    private final RefreshTokenGrant refreshToken;
    private final DeviceCodeGrant deviceCode;

    public TokenHandler(EmulatorState state) {
        ClientAuthenticator clients = new ClientAuthenticator(state.applications());
        this.state = state;
        this.idTokens = new IdTokenIssuer(state);
        this.authorizationCode = new AuthorizationCodeGrant(state, clients);
        this.refreshToken = new RefreshTokenGrant(state, clients);
        this.deviceCode = new DeviceCodeGrant(state, clients);
    }

    public void handle(RoutingContext ctx) {
        String grantType = ctx.request().getParam("grant_type");
        GrantResult result = switch (grantType == null ? "" : grantType) {
            case "" -> GrantResult.failed(OAuthError.INVALID_REQUEST);
            case "authorization_code" -> authorizationCode.redeem(ctx.request());
            case "refresh_token" -> refreshToken.redeem(ctx.request());
            case DeviceCodeGrant.GRANT_TYPE -> deviceCode.redeem(ctx.request());
            // password and client_credentials are advertised by GitLab but not emulated.
            default -> GrantResult.failed(OAuthError.UNSUPPORTED_GRANT_TYPE);
        };
        switch (result) {
            case GrantResult.Failed failed -> {
                LOG.debugf("Token request (%s) failed: %s", grantType, failed.error().error());
                OAuthResponses.error(ctx, failed.error());
            }
            case GrantResult.Issued issued -> {
                OAuthResponses.tokenJson(ctx, body(issued.token(), issued.nonce()));
                state.stats().recordTokenResponse(grantType, issued.token().userId());
                LOG.debugf("Token request (%s) issued token row %d", grantType, issued.token().id());
            }
        }
    }

    /** Doorkeeper's {@code TokenResponse#body} plus doorkeeper-openid_connect's {@code id_token}. */
    private JsonObject body(OAuthToken token, String nonce) {
        JsonObject body = new JsonObject()
                .put("access_token", token.accessToken())
                .put("token_type", "Bearer")
                .put("expires_in", token.expiresInSeconds(state.clock().instant()))
                .put("refresh_token", token.refreshToken())
                .put("scope", Scopes.join(token.scopes()))
                .put("created_at", token.createdAt().getEpochSecond());
        if (token.scopes().contains(Scopes.OPENID)) {
            EmulatorUser user = state.users().findById(token.userId()).orElseThrow();
            String idToken = idTokens.issue(user, token.clientId(), token.scopes(), nonce);
            IssuedTokenRecord.record(idToken);
            body.put("id_token", idToken);
        }
        return body;
    }
}
