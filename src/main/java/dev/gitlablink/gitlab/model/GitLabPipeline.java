package dev.gitlablink.gitlab.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A pipeline as GitLab lists them. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GitLabPipeline(Long id, Long iid, Long projectId, String status, String source, String ref, String sha,
        String name, String webUrl, Instant createdAt, Instant updatedAt) {
}
