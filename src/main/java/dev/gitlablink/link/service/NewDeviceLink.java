package dev.gitlablink.link.service;

import java.time.Instant;
import java.util.UUID;

/** A device link just started: its id and what the user needs to approve it at GitLab. */
public record NewDeviceLink(UUID id, String userCode, String verificationUri, String verificationUriComplete,
        Instant expiresAt, int interval) {
}
