package dev.gitlablink.api.view;

import java.time.Instant;

import dev.gitlablink.gitlab.model.GitLabUser;

/** The linked account's GitLab user. */
public record GitLabUserView(Long id, String username, String name, String state, String email, String avatarUrl,
        String webUrl, String bio, String location, String organization, String jobTitle, boolean bot,
        Instant createdAt) {

    public static GitLabUserView of(GitLabUser user) {
        return new GitLabUserView(user.id(), user.username(), user.name(), user.state(), user.email(),
                user.avatarUrl(), user.webUrl(), user.bio(), user.location(), user.organization(), user.jobTitle(),
                Boolean.TRUE.equals(user.bot()), user.createdAt());
    }
}
