package dev.gitlablink.gitlab.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How GitLab writes a reference to an issue or merge request ({@code #12}, {@code group/project!3}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitLabReferences(@JsonProperty("short") String shortRef, String relative, String full) {
}
