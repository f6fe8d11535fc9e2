package dev.gitlablink.crypto;

/** A token could not be encrypted or decrypted; the message never holds key or token material. */
public class TokenCryptoException extends RuntimeException {

    public TokenCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
