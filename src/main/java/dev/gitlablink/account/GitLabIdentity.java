package dev.gitlablink.account;

/**
 * Who a GitLab sign-in says the user is: the verified ID token's {@code sub} plus profile fields from
 * GitLab's userinfo.
 */
public record GitLabIdentity(String gitlabUserId, String username, String name, String email, String avatarUrl) {

    public GitLabIdentity {
        if (gitlabUserId == null || gitlabUserId.isBlank()) {
            throw new IllegalArgumentException("a GitLab identity needs the sub claim");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a GitLab identity needs a username");
        }
    }
}
