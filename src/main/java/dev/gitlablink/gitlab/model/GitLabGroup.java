package dev.gitlablink.gitlab.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A GitLab group. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GitLabGroup(Long id, String name, String path, String fullName, String fullPath, String description,
        String visibility, String webUrl, String avatarUrl, Long parentId, Instant createdAt) {
}
