package dev.gitlablink.emulator.oauth.store;

/** Result of redeeming a refresh token. */
public sealed interface RefreshOutcome {

    /** A new token row was minted. */
    record Refreshed(OAuthToken token) implements RefreshOutcome {
    }

    /** Unknown, revoked, or issued to another (or no) client: Doorkeeper's {@code invalid_grant}. */
    record InvalidGrant() implements RefreshOutcome {
    }

    /** The requested scope is not within the original token's scopes: {@code invalid_scope}. */
    record InvalidScope() implements RefreshOutcome {
    }
}
