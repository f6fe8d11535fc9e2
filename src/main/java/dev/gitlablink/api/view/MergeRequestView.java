package dev.gitlablink.api.view;

import java.time.Instant;
import java.util.List;

import dev.gitlablink.gitlab.model.GitLabMergeRequest;

/** A GitLab merge request; {@code reference} is GitLab's full reference ({@code group/project!3}). */
public record MergeRequestView(Long id, Long iid, Long projectId, String title, String state, boolean draft,
        String sourceBranch, String targetBranch, PersonView author, List<PersonView> assignees,
        List<PersonView> reviewers, String mergeStatus, String webUrl, String reference, Instant createdAt,
        Instant updatedAt, Instant mergedAt, Instant closedAt) {

    public static MergeRequestView of(GitLabMergeRequest mr) {
        return new MergeRequestView(mr.id(), mr.iid(), mr.projectId(), mr.title(), mr.state(),
                Boolean.TRUE.equals(mr.draft()), mr.sourceBranch(), mr.targetBranch(), PersonView.of(mr.author()),
                PersonView.of(mr.assignees()), PersonView.of(mr.reviewers()), mr.detailedMergeStatus(), mr.webUrl(),
                mr.references() == null ? null : mr.references().full(), mr.createdAt(), mr.updatedAt(),
                mr.mergedAt(), mr.closedAt());
    }
}
