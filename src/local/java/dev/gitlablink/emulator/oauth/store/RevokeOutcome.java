package dev.gitlablink.emulator.oauth.store;

/** Result of {@code POST /oauth/revoke} on the token store. */
public enum RevokeOutcome {
    /** The row is revoked now (or already was). */
    REVOKED,
    /** No such token: GitLab still answers 200. */
    UNKNOWN,
    /** The token belongs to another application: 403 {@code unauthorized_client}. */
    OTHER_CLIENT
}
