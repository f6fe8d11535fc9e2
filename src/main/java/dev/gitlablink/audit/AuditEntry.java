package dev.gitlablink.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One write made on a user's behalf: with which account, what ({@code kind}, {@code project}, {@code targetIid} of
 * the issue or merge request commented on), when, and GitLab's answer ({@code gitlabStatus}, null when GitLab was not
 * reached; the created object's {@code createdId} and {@code createdIid}). {@code outcome} is {@code created},
 * {@code commands_only} or {@code failed}.
 */
public record AuditEntry(long id, UUID accountId, String kind, String project, Long targetIid, String summary,
        String outcome, Integer gitlabStatus, Long createdId, Long createdIid, Instant at) {
}
