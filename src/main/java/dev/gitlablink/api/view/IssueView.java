package dev.gitlablink.api.view;

import java.time.Instant;
import java.util.List;

import dev.gitlablink.gitlab.model.GitLabIssue;

/** A GitLab issue; {@code reference} is GitLab's full reference ({@code group/project#12}). */
public record IssueView(Long id, Long iid, Long projectId, String title, String state, List<String> labels,
        PersonView author, List<PersonView> assignees, String webUrl, String reference, Integer commentCount,
        boolean confidential, Instant createdAt, Instant updatedAt, Instant closedAt, String dueDate) {

    public static IssueView of(GitLabIssue issue) {
        return new IssueView(issue.id(), issue.iid(), issue.projectId(), issue.title(), issue.state(),
                issue.labels() == null ? List.of() : issue.labels(), PersonView.of(issue.author()),
                PersonView.of(issue.assignees()), issue.webUrl(),
                issue.references() == null ? null : issue.references().full(), issue.userNotesCount(),
                Boolean.TRUE.equals(issue.confidential()), issue.createdAt(), issue.updatedAt(), issue.closedAt(),
                issue.dueDate());
    }
}
