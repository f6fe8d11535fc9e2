package dev.gitlablink.link.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where the browser goes to link an account: a one-time URL of this service that starts GitLab's sign-in. */
public record LinkStartView(
        @Schema(description = "Relative URL to navigate the browser to; usable once, by this session, until expiresAt")
        String authorizeUrl,
        Instant expiresAt) {
}
