package dev.gitlablink.gitlab;

/** The body of GitLab's {@code POST .../notes}: the comment's Markdown. */
public record GitLabNewNote(String body) {
}
