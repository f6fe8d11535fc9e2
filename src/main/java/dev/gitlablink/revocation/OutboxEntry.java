package dev.gitlablink.revocation;

import java.util.UUID;

/**
 * An outbox entry as a worker claimed it: still encrypted, and the attempt number the claim gave it (a later write
 * counts only while the entry is still at that attempt). Never printed with its ciphertexts.
 */
record OutboxEntry(UUID id, String instanceUrl, String tokenTypeHint, String keyId, byte[] tokenCiphertext,
        byte[] accessTokenCiphertext, String reason, int attempt) {

    @Override
    public String toString() {
        return "OutboxEntry[" + id + ", attempt=" + attempt + ", " + reason + "]";
    }
}
