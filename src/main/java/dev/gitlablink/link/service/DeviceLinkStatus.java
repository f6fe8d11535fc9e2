package dev.gitlablink.link.service;

import java.util.UUID;

/**
 * Where a device link stands: {@code pending}, {@code linked} (with the account), {@code denied}, {@code expired} or
 * {@code refused} (the GitLab account belongs to another user).
 */
public record DeviceLinkStatus(String status, UUID accountId) {
}
