package dev.gitlablink.account;

import java.util.UUID;

/** Outcome of recording a GitLab sign-in: the app user to start a session for and the account touched. */
public record SignInResult(UUID userId, UUID accountId, boolean accountCreated) {
}
