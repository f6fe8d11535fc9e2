package dev.gitlablink.gitlab;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

/**
 * Calls GitLab's OAuth endpoints of a given instance, with that instance's OAuth application. Errors arrive as
 * {@link GitLabException}s (see {@link GitLabErrors}); an instance no longer configured fails with
 * {@link GitLabInstanceRemovedException}.
 */
@ApplicationScoped
public class GitLabOAuthClient {

    private static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final GitLabConfig config;
    private final GitLabRestClients clients;
    private final GitLabInstances instances;

    public GitLabOAuthClient(GitLabConfig config, GitLabRestClients clients, GitLabInstances instances) {
        this.config = config;
        this.clients = clients;
        this.instances = instances;
    }

    /**
     * The longest one call of this client can take before it fails: connecting plus waiting for the answer. The
     * calls are not retried, so a caller holding something while it waits (token/AccountLease) knows its bound.
     */
    public Duration longestCall() {
        return config.connectTimeout().plus(config.readTimeout());
    }

    /** The OIDC claims of the token's user. */
    public GitLabUserInfo userInfo(String instanceUrl, String accessToken) {
        return call(instanceUrl, "userinfo", client -> client.userInfo(bearer(accessToken)));
    }

    /** The token's scopes and remaining lifetime. */
    public GitLabTokenInfo tokenInfo(String instanceUrl, String accessToken) {
        return call(instanceUrl, "token info", client -> client.tokenInfo(bearer(accessToken)));
    }

    /**
     * Uses {@code accessToken} once (token info) before its pair is revoked: after a refresh GitLab keeps the
     * previous pair valid until the current access token is first used. Allowed at a retired instance too.
     */
    public void useBeforeRevocation(String instanceUrl, String accessToken) {
        revocationInstance(instanceUrl);
        send(instanceUrl, "token info", client -> client.tokenInfo(bearer(accessToken)));
    }

    /** A new token pair for {@code refreshToken}; {@link GitLabGrantRevokedException} when GitLab refuses it. */
    public GitLabTokenResponse refresh(String instanceUrl, String refreshToken) {
        ConfiguredInstance instance = instances.require(instanceUrl);
        return call(instanceUrl, "token refresh", client -> client.refresh("refresh_token", refreshToken,
                instance.clientId(), instance.clientSecret()));
    }

    /**
     * A new token pair for {@code refreshToken} with only {@code scope} (space-separated, a subset of the grant's);
     * {@link GitLabGrantRevokedException} when GitLab refuses the refresh token.
     */
    public GitLabTokenResponse refreshNarrowing(String instanceUrl, String refreshToken, String scope) {
        ConfiguredInstance instance = instances.require(instanceUrl);
        return call(instanceUrl, "token refresh", client -> client.refreshNarrowing("refresh_token", refreshToken,
                scope, instance.clientId(), instance.clientSecret()));
    }

    /**
     * Starts a device authorization grant for {@code scopes}: GitLab's user code and verification URL are for the
     * user, the device code (see {@link #pollDevice}) stays with the caller.
     */
    public GitLabDeviceAuthorization authorizeDevice(String instanceUrl, List<String> scopes) {
        ConfiguredInstance instance = instances.require(instanceUrl);
        return call(instanceUrl, "device authorization", client -> client.authorizeDevice(instance.clientId(),
                instance.clientSecret(), String.join(" ", scopes)));
    }

    /**
     * One poll of a device grant. GitLab's "not yet" answers come back as {@link DevicePoll} values; an unknown or
     * already redeemed device code fails with {@link GitLabGrantRevokedException} ({@code invalid_grant}).
     */
    public DevicePoll pollDevice(String instanceUrl, String deviceCode) {
        ConfiguredInstance instance = instances.require(instanceUrl);
        try {
            return new DevicePoll.Approved(call(instanceUrl, "device token", client -> client.redeemDeviceCode(
                    DEVICE_CODE_GRANT, deviceCode, instance.clientId(), instance.clientSecret())));
        } catch (GitLabRejectedException rejected) {
            return pollAnswer(rejected).orElseThrow(() -> rejected);
        }
    }

    /** The RFC 8628 answers that are not failures of the call; anything else stays an exception. */
    private static Optional<DevicePoll> pollAnswer(GitLabRejectedException rejected) {
        if (rejected.status() != 400 || rejected.oauthError() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (rejected.oauthError()) {
            case "authorization_pending" -> new DevicePoll.Pending();
            case "slow_down" -> new DevicePoll.SlowDown();
            case "access_denied" -> new DevicePoll.Denied();
            case "expired_token" -> new DevicePoll.Expired();
            default -> null;
        });
    }

    /** Revokes {@code token} (access or refresh) and its pair at GitLab. */
    public void revoke(String instanceUrl, String token, String tokenTypeHint) {
        ConfiguredInstance instance = revocationInstance(instanceUrl);
        send(instanceUrl, "token revocation", client -> {
            client.revoke(token, tokenTypeHint, instance.clientId(), instance.clientSecret());
            return null;
        });
    }

    /** A retired instance's application still revokes what it issued. */
    private ConfiguredInstance revocationInstance(String instanceUrl) {
        return instances.forRevocation(instanceUrl).orElseThrow(() -> new GitLabInstanceRemovedException(instanceUrl));
    }

    /** Every call goes to a configured instance only: one removed from the configuration gets nothing. */
    private <T> T call(String instanceUrl, String what, Function<GitLabOAuthRestClient, T> request) {
        instances.require(instanceUrl);
        return send(instanceUrl, what, request);
    }

    private <T> T send(String instanceUrl, String what, Function<GitLabOAuthRestClient, T> request) {
        try {
            return request.apply(clients.oauth(instanceUrl));
        } catch (ProcessingException e) {
            if (e.getCause() instanceof GitLabException gitLab) {
                throw gitLab;
            }
            throw GitLabErrors.transportFailure(what, e);
        }
    }

    private static String bearer(String accessToken) {
        return "Bearer " + accessToken;
    }
}
