package dev.gitlablink.emulator;

import java.time.Instant;

/**
 * A GitLab group; a {@code path} with slashes makes a subgroup of the group with the leading full path.
 *
 * @param visibility {@code private}, {@code internal} or {@code public}
 */
public record EmulatorGroup(long id, String name, String path, String fullPath, String fullName, Long parentId,
        String description, String visibility, String webUrl, Instant createdAt) {
}
