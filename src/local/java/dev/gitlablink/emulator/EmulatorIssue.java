package dev.gitlablink.emulator;

import java.time.Instant;
import java.util.List;

/**
 * A GitLab issue; {@code iid} is per project, {@code id} global.
 *
 * @param state    {@code opened} or {@code closed}
 * @param closedAt {@code null} while open
 * @param confidential visible only to members with at least Planner/Reporter access and the author (not enforced)
 */
public record EmulatorIssue(long id, long iid, long projectId, String title, String description, String state,
        long authorId, List<Long> assigneeIds, List<String> labels, Instant createdAt, Instant updatedAt,
        Instant closedAt, boolean confidential) {

    public EmulatorIssue {
        assigneeIds = List.copyOf(assigneeIds);
        labels = List.copyOf(labels);
    }

    public EmulatorIssue closed(Instant at) {
        return new EmulatorIssue(id, iid, projectId, title, description, "closed", authorId, assigneeIds, labels,
                createdAt, at, at, confidential);
    }
}
