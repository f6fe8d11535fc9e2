package dev.gitlablink.health;

import java.time.Instant;

/** The outcome of one GitLab discovery probe. */
record ProbeResult(boolean up, String detail, Instant checkedAt) {
}
