package dev.gitlablink.gitlab.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A GitLab project; {@code simple=true} lists leave many fields out, hence boxed types. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GitLabProject(Long id, String name, String nameWithNamespace, String path, String pathWithNamespace,
        String description, String defaultBranch, String visibility, String webUrl, String avatarUrl,
        Integer starCount, Integer forksCount, Integer openIssuesCount, Boolean archived, List<String> topics,
        Instant createdAt, Instant lastActivityAt, GitLabNamespace namespace) {
}
