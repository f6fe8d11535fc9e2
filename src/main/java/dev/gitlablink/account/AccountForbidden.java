package dev.gitlablink.account;

import java.util.UUID;

/**
 * Fired in the transaction that made an account {@code forbidden} (the access policy no longer allows its GitLab user).
 * {@code lastAllowedAccount}: the user has no other account the policy allows, so their sessions end (auth/).
 */
public record AccountForbidden(UUID userId, UUID accountId, boolean lastAllowedAccount) {
}
