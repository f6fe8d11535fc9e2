package dev.gitlablink.gitlab.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A GitLab note (a comment) on an issue or a merge request; {@code noteableType} is {@code Issue} or {@code MergeRequest}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GitLabNote(Long id, String body, GitLabUserRef author, Instant createdAt, String noteableType,
        Long noteableIid, Long projectId, Boolean system) {
}
