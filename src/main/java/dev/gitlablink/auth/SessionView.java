package dev.gitlablink.auth;

import java.time.Instant;
import java.util.List;

import dev.gitlablink.account.LinkedAccountView;
import dev.gitlablink.account.UserView;

/** {@code GET /api/session}: who is signed in, their linked accounts, and when the session ends at the latest. */
public record SessionView(UserView user, List<LinkedAccountView> accounts, Instant expiresAt) {
}
