package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.EmulatorApplication;
import dev.gitlablink.emulator.oauth.store.AuthorizationCode;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.http.HttpServerRequest;

/** {@code grant_type=authorization_code}, in Doorkeeper's {@code AuthorizationCodeRequest} validation order. */
final class AuthorizationCodeGrant {

    private final EmulatorState state;
    private final ClientAuthenticator clients;

    AuthorizationCodeGrant(EmulatorState state, ClientAuthenticator clients) {
        this.state = state;
        this.clients = clients;
    }

    GrantResult redeem(HttpServerRequest request) {
        AuthorizationCode code = state.codes().find(request.getParam("code")).orElse(null);
        String verifier = request.getParam("code_verifier");
        String redirectUri = request.getParam("redirect_uri");
        // validate_params: a PKCE code needs its verifier, every exchange needs redirect_uri.
        if (code != null && code.usesPkce() && (verifier == null || verifier.isBlank())
                || redirectUri == null || redirectUri.isBlank()) {
            return GrantResult.failed(OAuthError.INVALID_REQUEST);
        }
        if (!(clients.authenticate(request) instanceof ClientAuthenticator.Authenticated client)) {
            return GrantResult.failed(OAuthError.INVALID_CLIENT);
        }
        EmulatorApplication app = client.application();
        if (code == null || !code.clientId().equals(app.clientId()) || !code.accessible(state.clock().instant())
                || !RedirectUris.matches(redirectUri, code.redirectUri())
                || !Pkce.verifierAccepted(code, verifier)
                || !state.codes().consume(code.code())) {
            return GrantResult.failed(OAuthError.INVALID_GRANT);
        }
        return new GrantResult.Issued(state.tokens().issue(app.clientId(), code.userId(), code.scopes(),
                state.knobs().accessTokenLifetime()), code.nonce());
    }
}
