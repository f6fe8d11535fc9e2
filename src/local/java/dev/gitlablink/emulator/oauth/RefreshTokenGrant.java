package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.oauth.store.RefreshOutcome;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.Scopes;
import io.vertx.core.http.HttpServerRequest;

/** {@code grant_type=refresh_token}, in Doorkeeper's {@code RefreshTokenRequest} validation order. */
final class RefreshTokenGrant {

    private final EmulatorState state;
    private final ClientAuthenticator clients;

    RefreshTokenGrant(EmulatorState state, ClientAuthenticator clients) {
        this.state = state;
        this.clients = clients;
    }

    GrantResult redeem(HttpServerRequest request) {
        String refreshToken = request.getParam("refresh_token");
        if (refreshToken == null || refreshToken.isBlank()) {
            return GrantResult.failed(OAuthError.INVALID_REQUEST);
        }
        boolean usable = state.tokens().findByRefreshToken(refreshToken)
                .filter(token -> !token.revoked(state.clock().instant()))
                .isPresent();
        if (!usable) {
            return GrantResult.failed(OAuthError.INVALID_GRANT);
        }
        // Credentials are optional here, but if sent they must be valid; without them client_match fails.
        String clientId = switch (clients.authenticate(request)) {
            case ClientAuthenticator.Invalid invalid -> null;
            case ClientAuthenticator.NoCredentials none -> "";
            case ClientAuthenticator.Authenticated client -> client.application().clientId();
        };
        if (clientId == null) {
            return GrantResult.failed(OAuthError.INVALID_CLIENT);
        }
        RefreshOutcome outcome = state.tokens().refresh(refreshToken, clientId.isEmpty() ? null : clientId,
                Scopes.parse(request.getParam("scope")));
        return switch (outcome) {
            case RefreshOutcome.Refreshed refreshed -> new GrantResult.Issued(refreshed.token(), null);
            case RefreshOutcome.InvalidGrant invalid -> GrantResult.failed(OAuthError.INVALID_GRANT);
            case RefreshOutcome.InvalidScope invalid -> GrantResult.failed(OAuthError.INVALID_SCOPE);
        };
    }
}
