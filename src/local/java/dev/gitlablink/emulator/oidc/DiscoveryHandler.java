package dev.gitlablink.emulator.oidc;

import dev.gitlablink.emulator.oauth.OAuthResponses;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.Scopes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** {@code GET /.well-known/openid-configuration} and {@code GET /oauth/discovery/keys}. */
public final class DiscoveryHandler {

    /** Standard claims first, then GitLab's configured claims, then the CI JWT claims JwksController appends. */
    private static final List<String> CLAIMS_SUPPORTED = List.of("iss", "sub", "aud", "exp", "iat", "sub_legacy",
            "name", "nickname", "preferred_username", "email", "email_verified", "website", "profile", "picture",
            "groups", "groups_direct", "https://gitlab.org/claims/groups/owner",
            "https://gitlab.org/claims/groups/maintainer", "https://gitlab.org/claims/groups/developer",
            "project_path", "ci_config_ref_uri", "ref_path", "sha", "environment", "jti");

    private final EmulatorState state;

    public DiscoveryHandler(EmulatorState state) {
        this.state = state;
    }

    public void configuration(RoutingContext ctx) {
        state.stats().recordDiscoveryRequest();
        String base = state.baseUrl();
        // No end_session_endpoint and no device_authorization_endpoint: GitLab emits neither.
        JsonObject body = new JsonObject()
                .put("issuer", base)
                .put("authorization_endpoint", base + "/oauth/authorize")
                .put("token_endpoint", base + "/oauth/token")
                .put("revocation_endpoint", base + "/oauth/revoke")
                .put("introspection_endpoint", base + "/oauth/introspect")
                .put("userinfo_endpoint", base + "/oauth/userinfo")
                .put("jwks_uri", base + "/oauth/discovery/keys")
                .put("scopes_supported", new JsonArray(Scopes.SUPPORTED))
                .put("response_types_supported", new JsonArray(List.of("code")))
                .put("response_modes_supported", new JsonArray(List.of("query", "fragment", "form_post")))
                .put("grant_types_supported", new JsonArray(List.of("authorization_code", "password",
                        "client_credentials", "device_code", "refresh_token")))
                .put("token_endpoint_auth_methods_supported",
                        new JsonArray(List.of("client_secret_basic", "client_secret_post")))
                .put("subject_types_supported", new JsonArray(List.of("public")))
                .put("id_token_signing_alg_values_supported", new JsonArray(List.of("RS256")))
                .put("claim_types_supported", new JsonArray(List.of("normal")))
                .put("claims_supported", new JsonArray(CLAIMS_SUPPORTED))
                .put("code_challenge_methods_supported", new JsonArray(List.of("plain", "S256")));
        corsGet(ctx);
        OAuthResponses.json(ctx.response(), 200, body);
    }

    public void keys(RoutingContext ctx) {
        corsGet(ctx);
        ctx.response().putHeader("Cache-Control", "max-age=86400, public, must-revalidate, no-transform");
        OAuthResponses.json(ctx.response(), 200, state.signer().jwks());
    }

    private static void corsGet(RoutingContext ctx) {
        ctx.response().putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Access-Control-Allow-Methods", "GET, HEAD");
    }
}
