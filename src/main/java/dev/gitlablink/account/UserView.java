package dev.gitlablink.account;

import java.util.UUID;

/** The app user as the SPA sees them. */
public record UserView(UUID id, String displayName) {
}
