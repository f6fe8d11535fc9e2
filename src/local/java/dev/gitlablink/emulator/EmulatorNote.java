package dev.gitlablink.emulator;

import java.time.Instant;

/**
 * A comment (GitLab's {@code Note}) on an issue or a merge request.
 *
 * @param noteableType {@code Issue} or {@code MergeRequest}
 * @param noteableId   the global id of the issue or merge request
 * @param noteableIid  its per-project iid
 */
public record EmulatorNote(long id, long projectId, String noteableType, long noteableId, long noteableIid,
        long authorId, String body, Instant createdAt) {
}
