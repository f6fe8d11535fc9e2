package dev.gitlablink.emulator.oauth.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * GitLab's access-token table with Doorkeeper's "revoke refresh token on use" rotation, as pure logic.
 *
 * <p>GitLab has a {@code previous_refresh_token} column, so a refresh does NOT revoke the old row. The old
 * access and refresh token stay valid until the new access token is first used on a protected endpoint
 * ({@link #use}); only then is the old row revoked. Until that moment the old refresh token can be redeemed
 * again, each time minting another pair.
 */
public final class OAuthTokenStore {

    private final Clock clock;
    private final Supplier<String> tokenGenerator;
    private final Map<Long, OAuthToken> rowsById = new HashMap<>();
    private final Map<String, Long> idsByAccessToken = new HashMap<>();
    private final Map<String, Long> idsByRefreshToken = new HashMap<>();
    private long nextId = 1;

    public OAuthTokenStore(Clock clock, Supplier<String> tokenGenerator) {
        this.clock = clock;
        this.tokenGenerator = tokenGenerator;
    }

    /** Mints a new row, as every code exchange does ({@code reuse_access_token} is off in GitLab). */
    public synchronized OAuthToken issue(String clientId, long userId, List<String> scopes, Duration expiresIn) {
        return insert(clientId, userId, scopes, expiresIn, null);
    }

    /**
     * Doorkeeper's {@code RefreshTokenRequest} after client authentication.
     *
     * @param clientId        the authenticated client, or {@code null} when the request carried no credentials
     * @param requestedScopes narrower scopes, or empty to keep the original ones
     */
    public synchronized RefreshOutcome refresh(String refreshToken, String clientId, List<String> requestedScopes) {
        Optional<OAuthToken> found = findByRefreshToken(refreshToken);
        Instant now = clock.instant();
        if (found.isEmpty() || found.get().revoked(now)) {
            return new RefreshOutcome.InvalidGrant();
        }
        OAuthToken old = found.get();
        if (clientId == null || !clientId.equals(old.clientId())) {
            return new RefreshOutcome.InvalidGrant();
        }
        if (!old.scopes().containsAll(requestedScopes)) {
            return new RefreshOutcome.InvalidScope();
        }
        List<String> scopes = requestedScopes.isEmpty() ? old.scopes() : requestedScopes;
        // The new row keeps the original TTL (Doorkeeper: "TTL ... should be the same as the original token").
        return new RefreshOutcome.Refreshed(insert(old.clientId(), old.userId(), scopes, old.expiresIn(),
                old.refreshToken()));
    }

    /**
     * Looks up an access token presented to a protected endpoint and, like Doorkeeper's
     * {@code Token.authenticate} and GitLab's API guard, revokes the row it was refreshed from. This happens
     * even if the presented token is itself expired or revoked.
     */
    public synchronized Optional<OAuthToken> use(String accessToken) {
        Optional<OAuthToken> found = findByAccessToken(accessToken);
        found.filter(token -> token.previousRefreshToken() != null).ifPresent(this::revokePrevious);
        return found.map(token -> rowsById.get(token.id()));
    }

    public synchronized Optional<OAuthToken> findByAccessToken(String accessToken) {
        return lookup(idsByAccessToken, accessToken);
    }

    public synchronized Optional<OAuthToken> findByRefreshToken(String refreshToken) {
        return lookup(idsByRefreshToken, refreshToken);
    }

    /** Every row issued to {@code userId}, oldest first. */
    public synchronized List<OAuthToken> issuedTo(long userId) {
        return rowsById.values().stream()
                .filter(token -> token.userId() == userId)
                .sorted(Comparator.comparingLong(OAuthToken::id))
                .toList();
    }

    /**
     * Revokes the row holding {@code token} (access or refresh token; both die). {@code refreshHint} mirrors
     * {@code token_type_hint=refresh_token}, which restricts the lookup to refresh tokens.
     */
    public synchronized RevokeOutcome revoke(String token, boolean refreshHint, String clientId) {
        Optional<OAuthToken> found = refreshHint ? findByRefreshToken(token)
                : findByAccessToken(token).or(() -> findByRefreshToken(token));
        if (found.isEmpty()) {
            return RevokeOutcome.UNKNOWN;
        }
        if (!found.get().clientId().equals(clientId)) {
            return RevokeOutcome.OTHER_CLIENT;
        }
        revokeRow(found.get());
        return RevokeOutcome.REVOKED;
    }

    /**
     * Doorkeeper's {@code matching_token_for}: a non-revoked token of this user and app with exactly these
     * scopes. GitLab skips the consent page for confidential apps when one exists.
     */
    public synchronized boolean hasMatchingToken(String clientId, long userId, List<String> scopes) {
        Instant now = clock.instant();
        return rowsById.values().stream()
                .filter(token -> token.clientId().equals(clientId) && token.userId() == userId)
                .filter(token -> !token.revoked(now))
                .anyMatch(token -> token.scopes().size() == scopes.size() && token.scopes().containsAll(scopes));
    }

    /** Makes every still-valid access token of the user expired now; refresh tokens keep working. */
    public synchronized int expireAccessTokens(long userId) {
        Instant now = clock.instant();
        List<OAuthToken> live = issuedTo(userId).stream().filter(token -> token.accessible(now)).toList();
        live.forEach(token -> rowsById.put(token.id(), token.withExpiredAt(now)));
        return live.size();
    }

    /** Revokes every row of the user, as revoking the application in the user's settings does. */
    public synchronized int revokeAll(long userId) {
        Instant now = clock.instant();
        List<OAuthToken> live = issuedTo(userId).stream().filter(token -> !token.revoked(now)).toList();
        live.forEach(this::revokeRow);
        return live.size();
    }

    private OAuthToken insert(String clientId, long userId, List<String> scopes, Duration expiresIn,
            String previousRefreshToken) {
        OAuthToken token = new OAuthToken(nextId++, tokenGenerator.get(), tokenGenerator.get(), clientId, userId,
                scopes, clock.instant(), expiresIn, null, previousRefreshToken, null);
        rowsById.put(token.id(), token);
        IssuedTokenRecord.record(token.accessToken(), token.refreshToken());
        idsByAccessToken.put(token.accessToken(), token.id());
        idsByRefreshToken.put(token.refreshToken(), token.id());
        return token;
    }

    private void revokePrevious(OAuthToken token) {
        findByRefreshToken(token.previousRefreshToken()).ifPresent(this::revokeRow);
        rowsById.put(token.id(), rowsById.get(token.id()).withoutPreviousRefreshToken());
    }

    private void revokeRow(OAuthToken token) {
        OAuthToken current = rowsById.get(token.id());
        if (current.revokedAt() == null) {
            rowsById.put(current.id(), current.withRevokedAt(clock.instant()));
        }
    }

    private Optional<OAuthToken> lookup(Map<String, Long> index, String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Long id = index.get(token);
        return id == null ? Optional.empty() : Optional.of(rowsById.get(id));
    }
}
