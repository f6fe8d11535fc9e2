package dev.gitlablink.account;

import java.util.Optional;
import java.util.UUID;

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
                associatedData(account.id, column)));
    }

    /** What the token columns of a row hold: the key id and both ciphertexts (a missing token is null). */
    record EncryptedTokens(String keyId, byte[] accessToken, byte[] refreshToken) {
    }

    /** Both tokens of {@code accountId} encrypted with the primary key, for a write that bypasses the entity. */
    EncryptedTokens encrypt(UUID accountId, String accessToken, String refreshToken) {
        return new EncryptedTokens(cipher.primaryKeyId(), encryptColumn(accountId, accessToken, "access_token"),
                encryptColumn(accountId, refreshToken, "refresh_token"));
    }

    private void encryptWithPrimaryKey(LinkedAccount account, String accessToken, String refreshToken) {
        EncryptedTokens encrypted = encrypt(account.id, accessToken, refreshToken);
        account.tokenKeyId = encrypted.keyId();
        account.accessTokenCiphertext = encrypted.accessToken();
        account.refreshTokenCiphertext = encrypted.refreshToken();
    }

    private byte[] encryptColumn(UUID accountId, String token, String column) {
        return token == null ? null : cipher.encrypt(token, associatedData(accountId, column)).ciphertext();
    }

    private static String associatedData(UUID accountId, String column) {
        return "linked_account/" + accountId + "/" + column;
    }
}
