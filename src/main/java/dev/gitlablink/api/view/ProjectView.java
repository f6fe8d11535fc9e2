package dev.gitlablink.api.view;

import java.time.Instant;
import java.util.List;

import dev.gitlablink.gitlab.model.GitLabNamespace;
import dev.gitlablink.gitlab.model.GitLabProject;

/** A GitLab project. */
public record ProjectView(Long id, String name, String fullName, String path, String fullPath, String description,
        String defaultBranch, String visibility, String webUrl, String avatarUrl, Integer starCount,
        Integer forksCount, Integer openIssuesCount, boolean archived, List<String> topics, Instant createdAt,
        Instant lastActivityAt, NamespaceView namespace) {

    /** Where the project lives: a group or a user. */
    public record NamespaceView(Long id, String name, String fullPath, String kind, String webUrl) {

        static NamespaceView of(GitLabNamespace namespace) {
            return namespace == null ? null : new NamespaceView(namespace.id(), namespace.name(),
                    namespace.fullPath(), namespace.kind(), namespace.webUrl());
        }
    }

    public static ProjectView of(GitLabProject project) {
        return new ProjectView(project.id(), project.name(), project.nameWithNamespace(), project.path(),
                project.pathWithNamespace(), project.description(), project.defaultBranch(), project.visibility(),
                project.webUrl(), project.avatarUrl(), project.starCount(), project.forksCount(),
                project.openIssuesCount(), Boolean.TRUE.equals(project.archived()),
                project.topics() == null ? List.of() : project.topics(), project.createdAt(),
                project.lastActivityAt(), NamespaceView.of(project.namespace()));
    }
}
