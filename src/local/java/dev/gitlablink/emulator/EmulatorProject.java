package dev.gitlablink.emulator;

import java.time.Instant;
import java.util.List;

/**
 * A GitLab project.
 *
 * @param visibility {@code private}, {@code internal} or {@code public}
 */
public record EmulatorProject(long id, String name, String path, String description, EmulatorNamespace namespace,
        String visibility, boolean archived, String defaultBranch, List<String> topics, int starCount,
        int forksCount, long creatorId, Instant createdAt, Instant updatedAt, Instant lastActivityAt) {

    public EmulatorProject {
        topics = List.copyOf(topics);
    }

    public String pathWithNamespace() {
        return namespace.fullPath() + "/" + path;
    }

    public String nameWithNamespace() {
        return namespace.fullName() + " / " + name;
    }

    public EmulatorProject withArchived(boolean newArchived, Instant at) {
        return new EmulatorProject(id, name, path, description, namespace, visibility, newArchived, defaultBranch,
                topics, starCount, forksCount, creatorId, createdAt, at, lastActivityAt);
    }

    public EmulatorProject withPath(String newPath, Instant at) {
        return new EmulatorProject(id, name, newPath, description, namespace, visibility, archived, defaultBranch,
                topics, starCount, forksCount, creatorId, createdAt, at, lastActivityAt);
    }

    public EmulatorProject withVisibility(String newVisibility, Instant at) {
        return new EmulatorProject(id, name, path, description, namespace, newVisibility, archived, defaultBranch,
                topics, starCount, forksCount, creatorId, createdAt, at, lastActivityAt);
    }
}
