package dev.gitlablink.token;

import java.util.UUID;

/**
 * An account's lease as one refresh or unlink claimed it: the claim's owner id, the row version it saw, and what the
 * row held then (tokens decrypted, either may be null; both null and {@code unreadable} when the row's tokens cannot
 * be decrypted). Never printed with its tokens.
 */
record LeaseClaim(UUID accountId, UUID owner, long version, String instanceUrl, String scopes, String accessToken,
        String refreshToken, boolean unreadable) {

    @Override
    public String toString() {
        return "LeaseClaim[" + accountId + ", owner=" + owner + ", version=" + version + "]";
    }
}
