package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.oauth.store.AuthorizationCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PkceTest {

    private static final String VERIFIER = "dBjftJeZ4CVP-mJ0Ab4.dfBLo3vL8tFtzO2pRsXhD~kE9";
    /** SHA-256 of the verifier, base64url without padding, computed outside Java. */
    private static final String CHALLENGE = "0JPrfyVXdeTC1bVhCqcTNIEuinzGkPwqXUMRxkEhmzs";

    @Test
    void s256MatchesAnIndependentlyComputedChallenge() {
        assertEquals(CHALLENGE, Pkce.s256(VERIFIER));
    }

    @Test
    void doorkeeperVerifierRules() {
        assertTrue(Pkce.verifierAccepted(code(null, null), null), "no challenge, no verifier");
        assertFalse(Pkce.verifierAccepted(code(null, null), VERIFIER), "verifier without challenge");
        assertTrue(Pkce.verifierAccepted(code(CHALLENGE, "S256"), VERIFIER));
        assertFalse(Pkce.verifierAccepted(code(CHALLENGE, "S256"), VERIFIER + "x"));
        assertFalse(Pkce.verifierAccepted(code(CHALLENGE, "S256"), null));
        assertTrue(Pkce.verifierAccepted(code(VERIFIER, "plain"), VERIFIER));
        assertFalse(Pkce.verifierAccepted(code(VERIFIER, "plain"), CHALLENGE));
    }

    private static AuthorizationCode code(String challenge, String method) {
        return new AuthorizationCode("c", "client", 1000, "http://127.0.0.1/cb", List.of("api"), null, challenge,
                method, Instant.now(), Duration.ofMinutes(10), false);
    }
}
