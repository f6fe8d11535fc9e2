package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.oauth.BearerTokens;
import dev.gitlablink.emulator.oauth.OAuthResponses;
import dev.gitlablink.emulator.oauth.store.OAuthToken;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.Scopes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** GitLab's API guard ({@code lib/api/api_guard.rb}) for OAuth tokens: lookup, expiry, revocation, scopes. */
public final class ApiGuard {

    /** Scopes every GET accepts: the global {@code api} and {@code read_api}. */
    public static final List<String> READ_SCOPES = List.of("api", "read_api");
    /** {@code /user}, {@code /users}, ... also accept {@code read_user}, listed first (endpoint class scopes). */
    public static final List<String> READ_USER_SCOPES = List.of("read_user", "api", "read_api");

    /** rack-oauth2's default realm, because GitLab builds the error without one. */
    private static final String REALM = "Protected by OAuth 2.0";
    private static final String EXPIRED = "Token is expired. You can either do re-authorization or token refresh.";
    private static final String REVOKED = "Token was revoked. You have to re-authorize from the user.";
    private static final String INSUFFICIENT_SCOPE =
            "The request requires higher privileges than provided by the access token.";

    private final EmulatorState state;

    public ApiGuard(EmulatorState state) {
        this.state = state;
    }

    /**
     * The signed-in user, or empty after the error response was written.
     *
     * @param acceptedScopes scopes any one of which grants access, in the order GitLab reports them
     */
    public Optional<EmulatorUser> authenticate(RoutingContext ctx, List<String> acceptedScopes) {
        // find_oauth_access_token revokes the refreshed-from row before validating the token itself.
        Optional<OAuthToken> token = BearerTokens.from(ctx.request()).flatMap(state.tokens()::use);
        if (token.isEmpty()) {
            ApiResponses.message(ctx, 401, "401 Unauthorized");
            return Optional.empty();
        }
        Instant now = state.clock().instant();
        // AccessTokenValidationService checks expiry before revocation.
        if (token.get().expired(now) || token.get().revoked(now)) {
            String description = token.get().expired(now) ? EXPIRED : REVOKED;
            ctx.response().putHeader("WWW-Authenticate",
                    OAuthResponses.challenge(REALM, "invalid_token", description));
            ApiResponses.json(ctx, 401, new JsonObject().put("error", "invalid_token")
                    .put("error_description", description));
            return Optional.empty();
        }
        if (Scopes.intersection(acceptedScopes, token.get().scopes()).isEmpty()) {
            // GitLab deliberately sends no WWW-Authenticate header here.
            ApiResponses.json(ctx, 403, new JsonObject().put("error", "insufficient_scope")
                    .put("error_description", INSUFFICIENT_SCOPE).put("scope", Scopes.join(acceptedScopes)));
            return Optional.empty();
        }
        return state.users().findById(token.get().userId());
    }
}
