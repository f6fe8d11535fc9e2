package dev.gitlablink.emulator;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one issued access/refresh token pair, for tests that must check where tokens end up.
 *
 * @param revoked whether the pair was revoked (explicitly, or by the refresh rotation rule) when the snapshot was
 *                taken
 */
public record EmulatorToken(String accessToken, String refreshToken, String clientId, long userId,
        List<String> scopes, Instant createdAt, Instant expiresAt, boolean revoked) {

    public EmulatorToken {
        scopes = List.copyOf(scopes);
    }

    /** Tokens must never end up in logs or assertion messages. */
    @Override
    public String toString() {
        return "EmulatorToken[clientId=" + clientId + ", userId=" + userId + ", scopes=" + scopes + ", revoked="
                + revoked + "]";
    }
}
