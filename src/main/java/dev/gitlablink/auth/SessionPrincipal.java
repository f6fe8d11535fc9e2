package dev.gitlablink.auth;

import java.security.Principal;
import java.time.Instant;
import java.util.UUID;

/** The signed-in app user as a session establishes them. */
public record SessionPrincipal(UUID userId, String sessionIdHash, Instant expiresAt) implements Principal {

    @Override
    public String getName() {
        return userId.toString();
    }
}
