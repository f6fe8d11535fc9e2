package dev.gitlablink.auth;

import java.util.Set;

/**
 * The sign-in errors the SPA knows how to explain. Anything else GitLab (or a crafted link) sends is
 * reduced to {@link #LOGIN_FAILED}, so the SPA never shows text taken from the URL.
 */
final class LoginErrors {

    static final String LOGIN_FAILED = "login_failed";
    static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";
    static final String UNKNOWN_INSTANCE = "unknown_instance";
    static final String ACCESS_DENIED_BY_POLICY = "access_denied_by_policy";

    /** OAuth 2.0 authorization error codes (RFC 6749 4.1.2.1) worth telling apart for a user. */
    private static final Set<String> KNOWN = Set.of("access_denied", "invalid_scope", "server_error",
            TEMPORARILY_UNAVAILABLE, "unauthorized_client", "invalid_request", LOGIN_FAILED,
            UNKNOWN_INSTANCE, ACCESS_DENIED_BY_POLICY);

    private LoginErrors() {
    }

    static String normalise(String error) {
        return error != null && KNOWN.contains(error) ? error : LOGIN_FAILED;
    }

    /** The SPA's signed-out page showing {@code error}. */
    static String spaUrl(String error) {
        return "/?loginError=" + normalise(error);
    }
}
