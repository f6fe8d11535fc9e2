package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.EmulatorApplication;
import dev.gitlablink.emulator.state.ApplicationStore;
import dev.gitlablink.emulator.state.Scopes;
import io.vertx.core.MultiMap;

import java.util.List;

/**
 * A validated {@code /oauth/authorize} request (Doorkeeper's {@code PreAuthorization}).
 *
 * @param state the client's {@code state}, echoed exactly
 */
public record PreAuthorization(EmulatorApplication application, String redirectUri, List<String> scopes,
        String state, String nonce, String codeChallenge, String codeChallengeMethod) {

    /** Result of validating the request parameters. */
    public sealed interface Outcome {
    }

    /** Good to go: show consent or issue a code. */
    public record Valid(PreAuthorization preAuthorization) implements Outcome {
    }

    /** Client or redirect URI cannot be trusted: render an error page, never redirect. */
    public record ErrorPage(OAuthError error) implements Outcome {
    }

    /** Report the error to the (verified) redirect URI. */
    public record ErrorRedirect(String redirectUri, OAuthError error, String state) implements Outcome {
    }

    /** Doorkeeper's validation order: client_id, client, redirect_uri, params, response_type, scopes, PKCE. */
    public static Outcome validate(MultiMap params, ApplicationStore applications) {
        String clientId = params.get("client_id");
        if (clientId == null || clientId.isBlank()) {
            return new ErrorPage(OAuthError.INVALID_REQUEST);
        }
        EmulatorApplication app = applications.find(clientId).orElse(null);
        if (app == null) {
            return new ErrorPage(OAuthError.INVALID_CLIENT);
        }
        String redirectUri = params.get("redirect_uri");
        if (app.redirectUris().stream().noneMatch(registered -> RedirectUris.matches(redirectUri, registered))) {
            return new ErrorPage(OAuthError.INVALID_REDIRECT_URI);
        }
        String state = params.get("state");
        String responseType = params.get("response_type");
        if (responseType == null || responseType.isBlank()) {
            return new ErrorRedirect(redirectUri, OAuthError.INVALID_REQUEST, state);
        }
        if (!responseType.equals("code")) {
            return new ErrorRedirect(redirectUri, OAuthError.UNSUPPORTED_RESPONSE_TYPE, state);
        }
        List<String> scopes = Scopes.parse(params.get("scope"));
        List<String> effectiveScopes = scopes.isEmpty() ? Scopes.DEFAULT : scopes;
        if (!Scopes.allowed(effectiveScopes, app.scopes())) {
            return new ErrorRedirect(redirectUri, OAuthError.INVALID_SCOPE, state);
        }
        String challenge = blankToNull(params.get("code_challenge"));
        String method = blankToNull(params.get("code_challenge_method"));
        if (challenge != null && (method == null || !Pkce.METHODS.contains(method))) {
            return new ErrorRedirect(redirectUri, OAuthError.INVALID_CODE_CHALLENGE_METHOD, state);
        }
        return new Valid(new PreAuthorization(app, redirectUri, effectiveScopes, state,
                blankToNull(params.get("nonce")), challenge, challenge == null ? null : method));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
