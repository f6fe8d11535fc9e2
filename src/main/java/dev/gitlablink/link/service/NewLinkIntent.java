package dev.gitlablink.link.service;

import java.time.Instant;

/** A link intent just made: its id (for the start URL; never stored) and when it expires. */
public record NewLinkIntent(String id, Instant expiresAt) {
}
