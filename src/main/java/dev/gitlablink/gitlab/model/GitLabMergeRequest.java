package dev.gitlablink.gitlab.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A GitLab merge request. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GitLabMergeRequest(Long id, Long iid, Long projectId, String title, String state, Boolean draft,
        String sourceBranch, String targetBranch, GitLabUserRef author, List<GitLabUserRef> assignees,
        List<GitLabUserRef> reviewers, String detailedMergeStatus, String webUrl, GitLabReferences references,
        Instant createdAt, Instant updatedAt, Instant mergedAt, Instant closedAt) {
}
