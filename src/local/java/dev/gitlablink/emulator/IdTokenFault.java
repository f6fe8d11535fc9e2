package dev.gitlablink.emulator;

/** One-shot defects the emulator can build into the next ID token it issues. */
public enum IdTokenFault {
    /** Signed by another RSA key, but the header still carries the real {@code kid}. */
    BAD_SIGNATURE,
    /** {@code iss} is not the emulator's issuer. */
    WRONG_ISSUER,
    /** {@code aud} is not the client id. */
    WRONG_AUDIENCE,
    /** {@code iat} and {@code exp} lie in the past; {@code exp} at least five minutes ago. */
    EXPIRED,
    /** {@code nonce} differs from the one sent to {@code /oauth/authorize}. */
    WRONG_NONCE
}
