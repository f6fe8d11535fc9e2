package dev.gitlablink.emulator.oauth.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GitLab's refresh-token rotation ("revoke on use" of the previous refresh token). */
class OAuthTokenStoreTest {

    private static final String CLIENT = "client-a";
    private static final String OTHER_CLIENT = "client-b";
    private static final long USER = 1000;
    private static final List<String> SCOPES = List.of("openid", "read_user", "api");
    private static final Duration TTL = Duration.ofSeconds(7200);

    private MutableClock clock;
    private OAuthTokenStore store;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));
        AtomicInteger counter = new AtomicInteger();
        store = new OAuthTokenStore(clock, () -> String.format("%064x", counter.incrementAndGet()));
    }

    @Test
    void oldPairStaysValidUntilTheNewAccessTokenIsFirstUsed() {
        OAuthToken old = store.issue(CLIENT, USER, SCOPES, TTL);
        OAuthToken fresh = refreshed(store.refresh(old.refreshToken(), CLIENT, List.of()));

        assertEquals(old.refreshToken(), fresh.previousRefreshToken());
        assertNotEquals(old.refreshToken(), fresh.refreshToken(), "the refresh token always rotates");
        assertTrue(store.use(old.accessToken()).orElseThrow().accessible(clock.instant()),
                "old access token still works before the new one is used");

        clock.advance(Duration.ofSeconds(1));
        assertTrue(store.use(fresh.accessToken()).orElseThrow().accessible(clock.instant()));

        assertTrue(store.findByAccessToken(old.accessToken()).orElseThrow().revoked(clock.instant()),
                "first use of the new token revokes the old row");
        assertInstanceOf(RefreshOutcome.InvalidGrant.class, store.refresh(old.refreshToken(), CLIENT, List.of()));
    }

    @Test
    void oldRefreshTokenCanBeRedeemedRepeatedlyBeforeFirstUse() {
        OAuthToken old = store.issue(CLIENT, USER, SCOPES, TTL);
        OAuthToken first = refreshed(store.refresh(old.refreshToken(), CLIENT, List.of()));
        OAuthToken second = refreshed(store.refresh(old.refreshToken(), CLIENT, List.of()));

        assertNotEquals(first.accessToken(), second.accessToken(), "each redemption mints another pair");
        assertNotEquals(first.refreshToken(), second.refreshToken());

        store.use(second.accessToken());
        assertInstanceOf(RefreshOutcome.InvalidGrant.class, store.refresh(old.refreshToken(), CLIENT, List.of()));
        assertTrue(store.findByAccessToken(first.accessToken()).orElseThrow().accessible(clock.instant()),
                "sibling pairs minted from the same old token stay valid");
    }

    @Test
    void usingAnOldAccessTokenDoesNotRevokeAnything() {
        OAuthToken old = store.issue(CLIENT, USER, SCOPES, TTL);
        OAuthToken fresh = refreshed(store.refresh(old.refreshToken(), CLIENT, List.of()));

        store.use(old.accessToken());

        assertFalse(store.findByAccessToken(old.accessToken()).orElseThrow().revoked(clock.instant()));
        assertEquals(old.refreshToken(), store.findByAccessToken(fresh.accessToken()).orElseThrow()
                .previousRefreshToken());
    }

    @Test
    void refreshTokenIsUsableAfterTheAccessTokenExpired() {
        OAuthToken old = store.issue(CLIENT, USER, SCOPES, TTL);
        clock.advance(TTL.plusHours(5));

        assertTrue(store.findByAccessToken(old.accessToken()).orElseThrow().expired(clock.instant()));
        OAuthToken fresh = refreshed(store.refresh(old.refreshToken(), CLIENT, List.of()));
        assertTrue(fresh.accessible(clock.instant()));
        assertEquals(TTL, fresh.expiresIn(), "the new row keeps the original TTL");
    }

    @Test
    void revokingEitherTokenOfAPairKillsBoth() {
        OAuthToken byAccess = store.issue(CLIENT, USER, SCOPES, TTL);
        OAuthToken byRefresh = store.issue(CLIENT, USER, SCOPES, TTL);

        assertEquals(RevokeOutcome.REVOKED, store.revoke(byAccess.accessToken(), false, CLIENT));
        assertEquals(RevokeOutcome.REVOKED, store.revoke(byRefresh.refreshToken(), false, CLIENT));

        for (OAuthToken token : List.of(byAccess, byRefresh)) {
            assertTrue(store.findByAccessToken(token.accessToken()).orElseThrow().revoked(clock.instant()));
            assertInstanceOf(RefreshOutcome.InvalidGrant.class,
                    store.refresh(token.refreshToken(), CLIENT, List.of()));
        }
    }

    @Test
    void revokeRejectsAnotherClientsTokenAndIgnoresUnknownTokens() {
        OAuthToken token = store.issue(CLIENT, USER, SCOPES, TTL);

        assertEquals(RevokeOutcome.OTHER_CLIENT, store.revoke(token.accessToken(), false, OTHER_CLIENT));
        assertEquals(RevokeOutcome.UNKNOWN, store.revoke("f".repeat(64), false, CLIENT));
        assertEquals(RevokeOutcome.UNKNOWN, store.revoke(token.accessToken(), true, CLIENT),
                "token_type_hint=refresh_token looks only at refresh tokens");
        assertTrue(store.findByAccessToken(token.accessToken()).orElseThrow().accessible(clock.instant()));
    }

    @Test
    void refreshNeedsTheSameClientAndAllowsOnlyNarrowerScopes() {
        OAuthToken old = store.issue(CLIENT, USER, SCOPES, TTL);

        assertInstanceOf(RefreshOutcome.InvalidGrant.class, store.refresh(old.refreshToken(), OTHER_CLIENT, List.of()));
        assertInstanceOf(RefreshOutcome.InvalidGrant.class, store.refresh(old.refreshToken(), null, List.of()));
        assertInstanceOf(RefreshOutcome.InvalidScope.class,
                store.refresh(old.refreshToken(), CLIENT, List.of("read_user", "sudo")));
        OAuthToken narrower = refreshed(store.refresh(old.refreshToken(), CLIENT, List.of("read_user")));
        assertEquals(List.of("read_user"), narrower.scopes());
    }

    @Test
    void aNewAuthorizationWithMoreScopesIsAWiderGrantThatARefreshCanNarrowAgain() {
        List<String> read = List.of("openid", "read_user");
        List<String> wider = List.of("openid", "read_user", "api");
        OAuthToken signIn = store.issue(CLIENT, USER, read, TTL);
        assertFalse(store.hasMatchingToken(CLIENT, USER, wider), "the wider scopes were never authorized");

        OAuthToken stepUp = store.issue(CLIENT, USER, wider, TTL);

        assertEquals(wider, stepUp.scopes());
        assertTrue(store.hasMatchingToken(CLIENT, USER, wider));
        assertFalse(store.findByAccessToken(signIn.accessToken()).orElseThrow().revoked(clock.instant()),
                "a new authorization leaves the earlier grant alone (the client revokes it)");
        OAuthToken narrowed = refreshed(store.refresh(stepUp.refreshToken(), CLIENT, read));
        assertEquals(read, narrowed.scopes());
        assertInstanceOf(RefreshOutcome.InvalidScope.class, store.refresh(narrowed.refreshToken(), CLIENT, wider),
                "a refresh cannot widen the grant again");
    }

    @Test
    void expiryIsReportedInWholeRemainingSeconds() {
        OAuthToken token = store.issue(CLIENT, USER, SCOPES, TTL);
        clock.advance(Duration.ofMillis(1500));

        assertEquals(7199, token.expiresInSeconds(clock.instant()));
        clock.advance(TTL);
        assertEquals(0, token.expiresInSeconds(clock.instant()));
        assertFalse(token.accessible(clock.instant()));
    }

    private static OAuthToken refreshed(RefreshOutcome outcome) {
        return assertInstanceOf(RefreshOutcome.Refreshed.class, outcome).token();
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
