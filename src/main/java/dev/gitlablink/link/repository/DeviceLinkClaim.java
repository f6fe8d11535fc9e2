package dev.gitlablink.link.repository;

import java.util.UUID;

/**
 * A pending device link one worker claimed for one poll: {@code claim} is the row's poll count after the claim, so
 * the worker's result is written only while nobody has claimed the row since. {@code sessionEnded}: the session that
 * started the link is gone (signed out, expired), and the link with it.
 */
public record DeviceLinkClaim(UUID id, UUID userId, String instance, String keyId, byte[] deviceCodeCiphertext,
        int intervalSeconds, int claim, boolean expired, boolean sessionEnded) {

    @Override
    public String toString() {
        return "DeviceLinkClaim[id=" + id + ", instance=" + instance + ", claim=" + claim + "]";
    }
}
