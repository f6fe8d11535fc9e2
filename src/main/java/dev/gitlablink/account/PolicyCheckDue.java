package dev.gitlablink.account;

import java.util.UUID;

/** An account claimed for an access policy check: its id, its user and its instance's base URL. */
public record PolicyCheckDue(UUID accountId, UUID userId, String instanceUrl) {
}
