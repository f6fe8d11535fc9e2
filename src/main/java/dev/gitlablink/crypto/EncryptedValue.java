package dev.gitlablink.crypto;

/** A ciphertext and the id of the key that made it; the pair is what a row stores. */
public record EncryptedValue(String keyId, byte[] ciphertext) {
}
