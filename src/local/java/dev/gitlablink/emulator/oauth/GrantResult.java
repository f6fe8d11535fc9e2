package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.oauth.store.OAuthToken;

/** What a grant type handler decided. */
sealed interface GrantResult {

    /** A token row was minted; {@code nonce} goes into the ID token (authorization_code only). */
    record Issued(OAuthToken token, String nonce) implements GrantResult {
    }

    /** Render this Doorkeeper error. */
    record Failed(OAuthError error) implements GrantResult {
    }

    static GrantResult failed(OAuthError error) {
        return new Failed(error);
    }
}
