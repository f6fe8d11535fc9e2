package dev.gitlablink.emulator.oidc;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.IdTokenFault;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Builds and signs ID tokens, applying the one-shot {@link IdTokenFault} knob. */
public final class IdTokenIssuer {

    /** How far in the past an EXPIRED token's {@code exp} lies: beyond any sane clock-skew allowance. */
    private static final Duration EXPIRED_BY = Duration.ofMinutes(6);

    private final EmulatorState state;
    private final OidcClaims claims;

    public IdTokenIssuer(EmulatorState state) {
        this.state = state;
        this.claims = new OidcClaims(state);
    }

    /**
     * Doorkeeper-openid_connect's {@code IdToken#claims}: iss, sub, aud, exp, iat, nonce, auth_time, then
     * GitLab's claims.
     *
     * @param nonce from {@code /oauth/authorize}, {@code null} for refresh and device grants
     */
    public String issue(EmulatorUser user, String clientId, Collection<String> scopes, String nonce) {
        Optional<IdTokenFault> fault = state.knobs().takeIdTokenFault();
        Instant now = state.clock().instant();
        Instant issuedAt = fault.filter(IdTokenFault.EXPIRED::equals).isPresent()
                ? now.minus(EXPIRED_BY).minus(state.knobs().idTokenLifetime())
                : now;
        Instant authTime = state.users().currentSignInAt(user);
        JsonObject token = new JsonObject()
                .put("iss", fault.filter(IdTokenFault.WRONG_ISSUER::equals).isPresent()
                        ? "https://wrong-issuer.invalid" : state.baseUrl())
                .put("sub", String.valueOf(user.id()))
                .put("aud", fault.filter(IdTokenFault.WRONG_AUDIENCE::equals).isPresent()
                        ? "wrong-audience-" + clientId : clientId)
                .put("exp", issuedAt.plus(state.knobs().idTokenLifetime()).getEpochSecond())
                .put("iat", issuedAt.getEpochSecond());
        if (fault.filter(IdTokenFault.WRONG_NONCE::equals).isPresent()) {
            token.put("nonce", "wrong-" + (nonce == null ? "nonce" : nonce));
        } else if (nonce != null && !nonce.isEmpty()) {
            token.put("nonce", nonce);
        }
        token.put("auth_time", (authTime.isAfter(issuedAt) ? issuedAt : authTime).getEpochSecond());
        claims.putIdTokenClaims(token, user, scopes);
        return state.signer().sign(token, fault.filter(IdTokenFault.BAD_SIGNATURE::equals).isPresent());
    }
}
