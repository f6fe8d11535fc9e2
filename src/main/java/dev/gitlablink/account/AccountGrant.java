package dev.gitlablink.account;

import java.util.Set;
import java.util.UUID;

/** What an account's GitLab grant covers: its instance (normalised base URL) and granted scopes. Never a token. */
public record AccountGrant(UUID accountId, String instanceUrl, Set<String> scopes) {
}
