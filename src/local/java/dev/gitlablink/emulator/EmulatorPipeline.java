package dev.gitlablink.emulator;

import java.time.Instant;

/**
 * A CI pipeline; {@code iid} is per project, {@code id} global.
 *
 * @param status e.g. {@code success}, {@code failed}, {@code running}, {@code pending}, {@code canceled}
 * @param source e.g. {@code push}
 */
public record EmulatorPipeline(long id, long iid, long projectId, String ref, String sha, String status,
        String source, String name, Instant createdAt, Instant updatedAt) {
}
