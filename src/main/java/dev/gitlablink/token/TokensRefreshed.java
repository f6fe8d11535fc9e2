package dev.gitlablink.token;

import java.util.UUID;

/**
 * Fired inside the transaction that stores refreshed tokens, after the write and before the commit. An observer
 * that throws rolls the write back; the account stays usable, because GitLab keeps the previous pair valid until
 * the new access token is first used, and the refresh revokes the pair it could not keep.
 */
public record TokensRefreshed(UUID accountId) {
}
