package dev.gitlablink.api.view;

import dev.gitlablink.gitlab.model.GitLabGroup;

/** A GitLab group. */
public record GroupView(Long id, String name, String path, String fullName, String fullPath, String description,
        String visibility, String webUrl, String avatarUrl, Long parentId) {

    public static GroupView of(GitLabGroup group) {
        return new GroupView(group.id(), group.name(), group.path(), group.fullName(), group.fullPath(),
                group.description(), group.visibility(), group.webUrl(), group.avatarUrl(), group.parentId());
    }
}
