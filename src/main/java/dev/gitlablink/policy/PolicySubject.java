package dev.gitlablink.policy;

import java.util.List;

/**
 * What GitLab says about a user, as far as an access policy asks: the user id ({@code sub}), the full paths of all
 * groups the user belongs to (userinfo's {@code groups}, inherited membership included), the e-mail and whether GitLab
 * verified it, and the account {@code state} and {@code bot} flag of {@code GET /api/v4/user}. Anything may be null:
 * it comes from GitLab and is checked, never trusted.
 */
public record PolicySubject(String gitlabUserId, List<String> groups, String email, Boolean emailVerified,
        String state, Boolean bot) {

    @Override
    public String toString() {
        return "PolicySubject[" + gitlabUserId + "]";
    }
}
