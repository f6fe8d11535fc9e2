package dev.gitlablink.account;

import java.time.Instant;
import java.util.Objects;

/** Tokens GitLab granted for an account, in plaintext only on their way to encryption. */
public record GrantedTokens(String accessToken, String refreshToken, Instant accessTokenExpiresAt, String scopes) {

    public GrantedTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        Objects.requireNonNull(scopes, "scopes");
    }

    /** Never print token values, even by accident. */
    @Override
    public String toString() {
        return "GrantedTokens[expiresAt=" + accessTokenExpiresAt + ", scopes=" + scopes + "]";
    }
}
