package dev.gitlablink.account;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.crypto.EncryptedValue;
import dev.gitlablink.crypto.TokenCipher;

/**
 * Puts tokens into and takes them out of a {@link LinkedAccount}'s encrypted columns. The associated
 * data is the account id and column, so ciphertexts cannot be swapped between rows or columns.
 */
@ApplicationScoped
public class AccountTokenStore {

    private final TokenCipher cipher;

    public AccountTokenStore(TokenCipher cipher) {
        this.cipher = cipher;
    }

    /** Encrypts both tokens with the primary key and records expiry and scopes. */
    public void store(LinkedAccount account, GrantedTokens tokens) {
        encryptWithPrimaryKey(account, tokens.accessToken(), tokens.refreshToken());
        account.accessTokenExpiresAt = tokens.accessTokenExpiresAt();
        account.scopes = tokens.scopes();
    }

    /**
     * Encrypts the account's tokens again with the primary key (after a key rotation); expiry and scopes stay.
     * Fails with {@code TokenCryptoException} when the key they were made with is no longer configured.
     */
    public void reencrypt(LinkedAccount account) {
        encryptWithPrimaryKey(account, accessToken(account).orElse(null), refreshToken(account).orElse(null));
    }

    /** The decrypted access token, if the account has one. */
    public Optional<String> accessToken(LinkedAccount account) {
        return decrypt(account, account.accessTokenCiphertext, "access_token");
    }

    /** The decrypted refresh token, if the account has one. */
    public Optional<String> refreshToken(LinkedAccount account) {
        return decrypt(account, account.refreshTokenCiphertext, "refresh_token");
    }

    private Optional<String> decrypt(LinkedAccount account, byte[] ciphertext, String column) {
        if (ciphertext == null) {
            return Optional.empty();
        }
        return Optional.of(cipher.decrypt(new EncryptedValue(account.tokenKeyId, ciphertext),
                associatedData(account, column)));
    }

    private void encryptWithPrimaryKey(LinkedAccount account, String accessToken, String refreshToken) {
        account.tokenKeyId = cipher.primaryKeyId();
        account.accessTokenCiphertext = encrypt(account, accessToken, "access_token");
        account.refreshTokenCiphertext = encrypt(account, refreshToken, "refresh_token");
    }

    private byte[] encrypt(LinkedAccount account, String token, String column) {
        return token == null ? null : cipher.encrypt(token, associatedData(account, column)).ciphertext();
    }

    private static String associatedData(LinkedAccount account, String column) {
        return "linked_account/" + account.id + "/" + column;
    }
}
