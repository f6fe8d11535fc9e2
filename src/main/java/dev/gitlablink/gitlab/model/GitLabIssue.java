package dev.gitlablink.gitlab.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A GitLab issue. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GitLabIssue(Long id, Long iid, Long projectId, String title, String state, List<String> labels,
        GitLabUserRef author, List<GitLabUserRef> assignees, String webUrl, GitLabReferences references,
        Integer userNotesCount, Boolean confidential, Instant createdAt, Instant updatedAt, Instant closedAt,
        String dueDate) {
}
