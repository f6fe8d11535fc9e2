package dev.gitlablink.gitlab;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of GitLab's {@code POST /projects/:id/issues}: {@code labels} comma-separated, as GitLab takes them;
 * null fields are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GitLabNewIssue(String title, String description, String labels, Boolean confidential) {
}
