package dev.gitlablink.emulator;

import java.time.Instant;
import java.util.List;

/**
 * A GitLab merge request; {@code iid} is per project, {@code id} global.
 *
 * @param state {@code opened}, {@code closed}, {@code merged} or {@code locked}
 */
public record EmulatorMergeRequest(long id, long iid, long projectId, String title, String description,
        String state, long authorId, List<Long> assigneeIds, List<Long> reviewerIds, String sourceBranch,
        String targetBranch, String sha, boolean draft, Instant createdAt, Instant updatedAt, Instant mergedAt,
        Instant closedAt) {

    public EmulatorMergeRequest {
        assigneeIds = List.copyOf(assigneeIds);
        reviewerIds = List.copyOf(reviewerIds);
    }

    /** The request in {@code newState}; merged and closed times are set on entering those states. */
    public EmulatorMergeRequest withState(String newState, Instant at) {
        Instant merged = "merged".equals(newState) ? at : "opened".equals(newState) ? null : mergedAt;
        Instant closed = "closed".equals(newState) ? at : "opened".equals(newState) ? null : closedAt;
        return new EmulatorMergeRequest(id, iid, projectId, title, description, newState, authorId, assigneeIds,
                reviewerIds, sourceBranch, targetBranch, sha, draft, createdAt, at, merged, closed);
    }
}
