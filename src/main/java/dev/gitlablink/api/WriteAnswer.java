package dev.gitlablink.api;

/**
 * What a write answers: its status, its JSON body as sent (so a replay under the same {@code Idempotency-Key} sends
 * the same bytes) and its {@code Location} (null for none).
 */
public record WriteAnswer(int status, String body, String location) {
}
