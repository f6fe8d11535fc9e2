package dev.gitlablink.emulator.oauth.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Doorkeeper's access grant: a single-use code bound to everything the authorize request said. */
public record AuthorizationCode(String code, String clientId, long userId, String redirectUri, List<String> scopes,
        String nonce, String codeChallenge, String codeChallengeMethod, Instant createdAt, Duration expiresIn,
        boolean revoked) {

    /** Doorkeeper's {@code authorization_code_expires_in} default, which GitLab keeps. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    public AuthorizationCode {
        scopes = List.copyOf(scopes);
    }

    public boolean usesPkce() {
        return codeChallenge != null && !codeChallenge.isEmpty();
    }

    /** Doorkeeper's {@code accessible?}: not expired and not yet exchanged. */
    public boolean accessible(Instant now) {
        return !revoked && now.isBefore(createdAt.plus(expiresIn));
    }

    AuthorizationCode asRevoked() {
        return new AuthorizationCode(code, clientId, userId, redirectUri, scopes, nonce, codeChallenge,
                codeChallengeMethod, createdAt, expiresIn, true);
    }

    @Override
    public String toString() {
        return "AuthorizationCode[clientId=" + clientId + ", userId=" + userId + ", scopes=" + scopes + "]";
    }
}
