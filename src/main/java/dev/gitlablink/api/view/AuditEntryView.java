package dev.gitlablink.api.view;

import java.time.Instant;
import java.util.UUID;

import dev.gitlablink.audit.AuditEntry;

/**
 * One write made on the user's behalf: {@code kind} ({@code issue}, {@code issue_note}, {@code merge_request_note}),
 * the {@code project} and {@code iid} written to, a short {@code summary}, the {@code outcome} ({@code created},
 * {@code commands_only}, {@code failed}) with GitLab's status and the created object's ids, and when.
 */
public record AuditEntryView(long id, UUID accountId, String kind, String project, Long iid, String summary,
        String outcome, Integer gitlabStatus, Long createdId, Long createdIid, Instant at) {

    public static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id(), entry.accountId(), entry.kind(), entry.project(), entry.targetIid(),
                entry.summary(), entry.outcome(), entry.gitlabStatus(), entry.createdId(), entry.createdIid(),
                entry.at());
    }
}
