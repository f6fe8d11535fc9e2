package dev.gitlablink.gitlab;

/** Filters shared by GitLab's issue and merge request lists; null means GitLab's default. */
public record WorkItemQuery(String scope, String state, String search, String orderBy, String sort,
        PageRequest page) {
}
