package dev.gitlablink.emulator.oauth.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One row of GitLab's {@code oauth_access_tokens}: an access token and its refresh token live and die together.
 *
 * @param previousRefreshToken refresh token this row was minted from, until the row's first use revokes it
 * @param expiredAt            when a test forced the access token to expire early, else {@code null}; the TTL
 *                             ({@code expiresIn}) stays as issued because refreshes copy it
 */
public record OAuthToken(long id, String accessToken, String refreshToken, String clientId, long userId,
        List<String> scopes, Instant createdAt, Duration expiresIn, Instant revokedAt, String previousRefreshToken,
        Instant expiredAt) {

    public OAuthToken {
        scopes = List.copyOf(scopes);
    }

    public Instant expiresAt() {
        return expiredAt != null ? expiredAt : createdAt.plus(expiresIn);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt());
    }

    /** Doorkeeper: {@code revoked_at && revoked_at <= now}. */
    public boolean revoked(Instant now) {
        return revokedAt != null && !revokedAt.isAfter(now);
    }

    public boolean accessible(Instant now) {
        return !expired(now) && !revoked(now);
    }

    /** Doorkeeper's {@code expires_in_seconds}: remaining whole seconds, never negative. */
    public long expiresInSeconds(Instant now) {
        if (expiredAt != null) {
            return Math.max(Duration.between(now, expiredAt).toSeconds(), 0);
        }
        long remaining = expiresIn.toSeconds() - Duration.between(createdAt, now).toSeconds();
        return Math.max(remaining, 0);
    }

    OAuthToken withRevokedAt(Instant at) {
        return new OAuthToken(id, accessToken, refreshToken, clientId, userId, scopes, createdAt, expiresIn, at,
                previousRefreshToken, expiredAt);
    }

    OAuthToken withoutPreviousRefreshToken() {
        return new OAuthToken(id, accessToken, refreshToken, clientId, userId, scopes, createdAt, expiresIn,
                revokedAt, null, expiredAt);
    }

    OAuthToken withExpiredAt(Instant at) {
        return new OAuthToken(id, accessToken, refreshToken, clientId, userId, scopes, createdAt, expiresIn,
                revokedAt, previousRefreshToken, at);
    }

    /** Tokens must never end up in logs or assertion messages. */
    @Override
    public String toString() {
        return "OAuthToken[id=" + id + ", clientId=" + clientId + ", userId=" + userId + ", scopes=" + scopes + "]";
    }
}
