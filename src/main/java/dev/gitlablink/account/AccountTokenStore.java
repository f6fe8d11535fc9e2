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
        EncryptedValue access = cipher.encrypt(tokens.accessToken(), associatedData(account, "access_token"));
        account.tokenKeyId = access.keyId();
        account.accessTokenCiphertext = access.ciphertext();
        account.refreshTokenCiphertext = tokens.refreshToken() == null
                ? null
                : cipher.encrypt(tokens.refreshToken(), associatedData(account, "refresh_token")).ciphertext();
        account.accessTokenExpiresAt = tokens.accessTokenExpiresAt();
        account.scopes = tokens.scopes();
    }

    /**
     * Encrypts the account's tokens again with the primary key (after a key rotation); expiry and scopes stay.
     * Fails with {@code TokenCryptoException} when the key they were made with is no longer configured.
     */
    public void reencrypt(LinkedAccount account) {
        Optional<String> access = accessToken(account);
        Optional<String> refresh = refreshToken(account);
        account.tokenKeyId = cipher.primaryKeyId();
        account.accessTokenCiphertext = access.map(token -> cipher.encrypt(token, associatedData(account,
                "access_token")).ciphertext()).orElse(null);
        account.refreshTokenCiphertext = refresh.map(token -> cipher.encrypt(token, associatedData(account,
                "refresh_token")).ciphertext()).orElse(null);
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

    private static String associatedData(LinkedAccount account, String column) {
        return "linked_account/" + account.id + "/" + column;
    }
}
