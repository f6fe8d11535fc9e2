package dev.gitlablink.emulator.oauth;

/**
 * A Doorkeeper error with GitLab's {@code config/locales/doorkeeper.en.yml} description.
 *
 * @param status HTTP status when rendered as JSON: 401 for client errors, 400 for everything else
 */
public record OAuthError(String error, String description, int status) {

    /** Doorkeeper falls back to this text for errors without a translation (device-flow polling errors). */
    private static final String SERVER_ERROR_TEXT = "The authorization server encountered an unexpected condition "
            + "which prevented it from fulfilling the request.";

    public static final OAuthError INVALID_REQUEST = new OAuthError("invalid_request", "The request is missing a "
            + "required parameter, includes an unsupported parameter value, or is otherwise malformed.", 400);
    public static final OAuthError INVALID_CLIENT = new OAuthError("invalid_client", "Client authentication failed "
            + "due to unknown client, no client authentication included, or unsupported authentication method.", 401);
    public static final OAuthError INVALID_GRANT = new OAuthError("invalid_grant", "The provided authorization "
            + "grant is invalid, expired, revoked, does not match the redirection URI used in the authorization "
            + "request, or was issued to another client.", 400);
    public static final OAuthError UNSUPPORTED_GRANT_TYPE = new OAuthError("unsupported_grant_type",
            "The authorization grant type is not supported by the authorization server.", 400);
    public static final OAuthError INVALID_SCOPE = new OAuthError("invalid_scope",
            "The requested scope is invalid, unknown, or malformed.", 400);
    public static final OAuthError INVALID_REDIRECT_URI = new OAuthError("invalid_redirect_uri",
            "The redirect URI included is not valid.", 400);
    public static final OAuthError UNSUPPORTED_RESPONSE_TYPE = new OAuthError("unsupported_response_type",
            "The authorization server does not support this response type.", 400);
    /** Doorkeeper gem text; GitLab's locale has no override. */
    public static final OAuthError INVALID_CODE_CHALLENGE_METHOD = new OAuthError("invalid_code_challenge_method",
            "The code_challenge_method must be one of plain, S256.", 400);
    public static final OAuthError ACCESS_DENIED = new OAuthError("access_denied",
            "The resource owner or authorization server denied the request.", 400);
    public static final OAuthError AUTHORIZATION_PENDING = new OAuthError("authorization_pending",
            SERVER_ERROR_TEXT, 400);
    public static final OAuthError SLOW_DOWN = new OAuthError("slow_down", SERVER_ERROR_TEXT, 400);
    public static final OAuthError EXPIRED_TOKEN = new OAuthError("expired_token", SERVER_ERROR_TEXT, 400);
    public static final OAuthError UNAUTHORIZED_REVOKE = new OAuthError("unauthorized_client",
            "You are not authorized to revoke this token", 403);
}
