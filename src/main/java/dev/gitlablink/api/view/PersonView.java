package dev.gitlablink.api.view;

import dev.gitlablink.gitlab.model.GitLabUserRef;

/** A GitLab user as shown next to an issue or merge request. */
public record PersonView(Long id, String username, String name, String avatarUrl, String webUrl) {

    static PersonView of(GitLabUserRef user) {
        return user == null ? null : new PersonView(user.id(), user.username(), user.name(), user.avatarUrl(),
                user.webUrl());
    }

    static java.util.List<PersonView> of(java.util.List<GitLabUserRef> users) {
        return users == null ? java.util.List.of() : users.stream().map(PersonView::of).toList();
    }
}
