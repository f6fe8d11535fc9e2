package dev.gitlablink.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.gitlablink.crypto.KeyRing;
import dev.gitlablink.crypto.TokenCipher;
import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import dev.gitlablink.token.AccountTokenRows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * After a key rotation ({@code TOKEN_ENCRYPTION_KEYS} = new key first, then the retired one), the re-encryption
 * job moves accounts still on the retired key to the new one, without waiting on a locked row or changing one whose
 * lease a refresh holds, and leaves alone (and counts) accounts whose key was removed.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, initArgs = @ResourceArg(
        name = LocalServicesResource.RETIRED_TOKEN_KEY, value = TokenReencryptionTest.RETIRED_KEY))
class TokenReencryptionTest {

    static final String RETIRED_KEY = "retired:cmV0aXJlZC1rZXktb2YtdGhlLXJlZW5jcnlwdC10ZXM=";

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    TokenReencryption reencryption;

    @Inject
    LinkedAccountRepository accounts;

    @Inject
    AccountTokenStore tokenStore;

    @Inject
    TokenCipher cipher;

    @Inject
    AccountTokenRows rows;

    @Test
    void accountsOnTheRetiredKeyMoveToTheNewKeyAndKeepWorking() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "rekey");
        UUID accountId = UUID.fromString(user.accountId());
        Tokens before = encryptWithRetiredKey(accountId);

        TokenReencryption.Result result = reencryption.reencryptAll();

        assertEquals(new TokenReencryption.Result(1, 0, 0), result);
        Tokens after = QuarkusTransaction.requiringNew().call(() -> {
            LinkedAccount account = accounts.findById(accountId);
            assertEquals(cipher.primaryKeyId(), account.tokenKeyId);
            return new Tokens(tokenStore.accessToken(account).orElseThrow(),
                    tokenStore.refreshToken(account).orElseThrow());
        });
        assertEquals(before, after);
        user.api().accept("application/json").when().get(user.account() + "/user").then().statusCode(200);
        assertEquals(new TokenReencryption.Result(0, 0, 0), reencryption.reencryptAll(), "nothing left to do");
    }

    @Test
    void aRowThatARefreshHoldsIsSkippedNotWaitedFor() throws Exception {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "rekey-locked");
        UUID accountId = UUID.fromString(user.accountId());
        encryptWithRetiredKey(accountId);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> refresh = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            accounts.findForUpdate(accountId).orElseThrow();
            locked.countDown();
            await(release);
        }));
        try {
            assertTrue(locked.await(10, TimeUnit.SECONDS), "the row is locked");

            TokenReencryption.Result whileLocked = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> reencryption.reencryptAll());

            assertEquals(0, whileLocked.reencrypted());
        } finally {
            release.countDown();
            refresh.get(10, TimeUnit.SECONDS);
        }
        assertEquals(1, reencryption.reencryptAll().reencrypted(), "the next run takes the row");
    }

    @Test
    void aRowWhoseLeaseARefreshHoldsIsLeftToTheRefresh() throws Exception {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "rekey-leased");
        UUID accountId = UUID.fromString(user.accountId());
        encryptWithRetiredKey(accountId);
        rows.expireAccessToken(user.accountId());
        emulator.stats().reset();
        emulator.knobs().tokenLatency(Duration.ofMillis(1500));
        try {
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(
                    () -> user.api().accept("application/json").when().get(user.account() + "/user").statusCode());
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> rows.leased(user.accountId()));

            assertEquals(0, reencryption.reencryptAll().reencrypted(), "the leased row is passed over");

            assertEquals(200, read.get(20, TimeUnit.SECONDS));
        } finally {
            emulator.knobs().reset();
        }
        assertEquals(1, emulator.stats().tokenRequests("refresh_token"), "the refresh kept the pair it got");
        EmulatorToken latest = emulator.tokensIssuedTo(user.gitLabUser().id()).getLast();
        QuarkusTransaction.requiringNew().run(() -> {
            LinkedAccount account = accounts.findById(accountId);
            assertEquals(cipher.primaryKeyId(), account.tokenKeyId, "the refresh wrote with the first key");
            assertEquals(latest.refreshToken(), tokenStore.refreshToken(account).orElseThrow());
        });
        assertEquals(new TokenReencryption.Result(0, 0, 0), reencryption.reencryptAll(), "nothing left to do");
    }

    @Test
    void accountsOnARemovedKeyAreCountedAndLeftAlone() {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "rekey-gone");
        UUID accountId = UUID.fromString(user.accountId());
        byte[] ciphertext = QuarkusTransaction.requiringNew().call(() -> {
            LinkedAccount account = accounts.findById(accountId);
            account.tokenKeyId = "removed";
            return account.accessTokenCiphertext;
        });
        try {
            assertEquals(new TokenReencryption.Result(0, 0, 1), reencryption.reencryptAll());

            QuarkusTransaction.requiringNew().run(() -> {
                LinkedAccount account = accounts.findById(accountId);
                assertEquals("removed", account.tokenKeyId);
                assertArrayEquals(ciphertext, account.accessTokenCiphertext);
            });
        } finally {
            QuarkusTransaction.requiringNew().run(() -> accounts.deleteById(accountId));
        }
    }

    @Test
    void anUnreadableRowIsCountedAndDoesNotHoldUpTheOthers() {
        UUID brokenId = UUID.fromString(SignedInUser.signIn(emulator, settings, "rekey-broken").accountId());
        SignedInUser fine = SignedInUser.signIn(emulator, settings, "rekey-fine");
        UUID fineId = UUID.fromString(fine.accountId());
        encryptWithRetiredKey(brokenId);
        encryptWithRetiredKey(fineId);
        byte[] corrupted = QuarkusTransaction.requiringNew().call(() -> {
            LinkedAccount account = accounts.findById(brokenId);
            account.accessTokenCiphertext = account.accessTokenCiphertext.clone();
            account.accessTokenCiphertext[account.accessTokenCiphertext.length - 1] ^= 1;
            return account.accessTokenCiphertext;
        });
        try {
            assertEquals(new TokenReencryption.Result(1, 1, 0), reencryption.reencryptAll());

            QuarkusTransaction.requiringNew().run(() -> {
                assertEquals(cipher.primaryKeyId(), accounts.findById(fineId).tokenKeyId);
                LinkedAccount broken = accounts.findById(brokenId);
                assertEquals("retired", broken.tokenKeyId);
                assertArrayEquals(corrupted, broken.accessTokenCiphertext);
            });
            fine.api().accept("application/json").when().get(fine.account() + "/user").then().statusCode(200);
            assertEquals(new TokenReencryption.Result(0, 1, 0), reencryption.reencryptAll(),
                    "the next run counts the same row again and has nothing else to do");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> accounts.deleteById(brokenId));
        }
    }

    private record Tokens(String access, String refresh) {
    }

    /** Puts the account's tokens under the retired key, as they were before the rotation. */
    private Tokens encryptWithRetiredKey(UUID accountId) {
        TokenCipher retired = new TokenCipher(KeyRing.parse(RETIRED_KEY));
        return QuarkusTransaction.requiringNew().call(() -> {
            LinkedAccount account = accounts.findById(accountId);
            Tokens tokens = new Tokens(tokenStore.accessToken(account).orElseThrow(),
                    tokenStore.refreshToken(account).orElseThrow());
            account.tokenKeyId = "retired";
            account.accessTokenCiphertext = retired.encrypt(tokens.access(),
                    "linked_account/" + accountId + "/access_token").ciphertext();
            account.refreshTokenCiphertext = retired.encrypt(tokens.refresh(),
                    "linked_account/" + accountId + "/refresh_token").ciphertext();
            return tokens;
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
