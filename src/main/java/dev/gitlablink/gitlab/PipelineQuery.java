package dev.gitlablink.gitlab;

/** Filters for a project's pipeline list; null means GitLab's default. */
public record PipelineQuery(String status, String ref, String orderBy, String sort, PageRequest page) {
}
