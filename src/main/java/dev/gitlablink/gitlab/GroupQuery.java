package dev.gitlablink.gitlab;

/** Filters for GitLab's group list; null means GitLab's default. */
public record GroupQuery(String search, String orderBy, String sort, Integer minAccessLevel, PageRequest page) {
}
