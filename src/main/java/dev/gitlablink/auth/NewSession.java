package dev.gitlablink.auth;

import java.time.Instant;

/** A session just created: the cookie value (shown once, never stored) and when it ends at the latest. */
record NewSession(String cookieValue, Instant absoluteExpiresAt) {

    @Override
    public String toString() {
        return "NewSession[expiresAt=" + absoluteExpiresAt + "]";
    }
}
