package dev.gitlablink.token;

import java.util.UUID;

/**
 * Fired inside the refresh transaction, after the new tokens are written and before the commit. An
 * observer that throws rolls the rotation back (GitLab keeps the old pair valid until the new access
 * token is first used, so the account stays usable).
 */
public record TokensRefreshed(UUID accountId) {
}
