package dev.gitlablink.token;

import java.time.Duration;
import java.time.Instant;

/** The one rule for "refresh before use": a token without expiry, or expiring within the skew, counts as expired. */
final class TokenExpiry {

    private TokenExpiry() {
    }

    static boolean expiresSoon(Instant expiresAt, Instant now, Duration skew) {
        return expiresAt == null || !expiresAt.isAfter(now.plus(skew));
    }
}
