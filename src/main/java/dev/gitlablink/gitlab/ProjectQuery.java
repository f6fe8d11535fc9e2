package dev.gitlablink.gitlab;

/** Filters for GitLab's project list; null means GitLab's default. */
public record ProjectQuery(Boolean membership, String search, String orderBy, String sort, Boolean archived,
        Integer minAccessLevel, Boolean simple, PageRequest page) {
}
