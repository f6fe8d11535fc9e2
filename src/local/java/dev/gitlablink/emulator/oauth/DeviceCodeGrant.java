package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.oauth.store.DeviceGrant;
import dev.gitlablink.emulator.oauth.store.DevicePollOutcome;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.http.HttpServerRequest;

/** {@code grant_type=urn:ietf:params:oauth:grant-type:device_code} (RFC 8628 polling). */
final class DeviceCodeGrant {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

    private final EmulatorState state;
    private final ClientAuthenticator clients;

    DeviceCodeGrant(EmulatorState state, ClientAuthenticator clients) {
        this.state = state;
        this.clients = clients;
    }

    GrantResult redeem(HttpServerRequest request) {
        if (!(clients.authenticate(request) instanceof ClientAuthenticator.Authenticated client)) {
            return GrantResult.failed(OAuthError.INVALID_CLIENT);
        }
        DevicePollOutcome outcome = state.deviceGrants().poll(request.getParam("device_code"),
                client.application().clientId());
        GrantResult result = switch (outcome) {
            case DevicePollOutcome.InvalidGrant invalid -> GrantResult.failed(OAuthError.INVALID_GRANT);
            case DevicePollOutcome.Expired expired -> GrantResult.failed(OAuthError.EXPIRED_TOKEN);
            case DevicePollOutcome.SlowDown slowDown -> GrantResult.failed(OAuthError.SLOW_DOWN);
            case DevicePollOutcome.Pending pending -> GrantResult.failed(OAuthError.AUTHORIZATION_PENDING);
            case DevicePollOutcome.Denied denied -> GrantResult.failed(OAuthError.ACCESS_DENIED);
            case DevicePollOutcome.Approved approved -> issue(approved.grant());
        };
        state.stats().recordDevicePoll(result instanceof GrantResult.Failed failed ? failed.error().error()
                : "approved");
        return result;
    }

    private GrantResult issue(DeviceGrant grant) {
        return new GrantResult.Issued(state.tokens().issue(grant.clientId(), grant.userId(), grant.scopes(),
                state.knobs().accessTokenLifetime()), null);
    }
}
