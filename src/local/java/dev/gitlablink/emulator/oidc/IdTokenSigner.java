package dev.gitlablink.emulator.oidc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import java.util.Map;

/** Signs ID tokens with the instance's RS256 key and publishes it as a JWKS. */
public final class IdTokenSigner {

    private static final int KEY_BITS = 2048;

    private final RsaJsonWebKey signingKey;
    /** Signs BAD_SIGNATURE tokens: a valid RS256 signature that the published key does not verify. */
    private final RsaJsonWebKey rogueKey;

    private IdTokenSigner(RsaJsonWebKey signingKey, RsaJsonWebKey rogueKey) {
        this.signingKey = signingKey;
        this.rogueKey = rogueKey;
    }

    /** Generates fresh keys; GitLab's {@code kid} is the key's JWK SHA-256 thumbprint. */
    public static IdTokenSigner generate() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(KEY_BITS);
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            key.setUse("sig");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return new IdTokenSigner(key, RsaJwkGenerator.generateJwk(KEY_BITS));
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate the RSA signing key", e);
        }
    }

    public String keyId() {
        return signingKey.getKeyId();
    }

    /** {@code {"keys":[{kty,kid,e,n,use,alg}]}}, in the order GitLab's JwksController emits. */
    public JsonObject jwks() {
        Map<String, Object> params = signingKey.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        JsonObject key = new JsonObject()
                .put("kty", params.get("kty"))
                .put("kid", signingKey.getKeyId())
                .put("e", params.get("e"))
                .put("n", params.get("n"))
                .put("use", "sig")
                .put("alg", AlgorithmIdentifiers.RSA_USING_SHA256);
        return new JsonObject().put("keys", new JsonArray().add(key));
    }

    /** A compact JWS with header {@code {"typ":"JWT","alg":"RS256","kid":...}}. */
    public String sign(JsonObject claims, boolean withRogueKey) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(signingKey.getKeyId());
        jws.setPayload(claims.encode());
        jws.setKey(withRogueKey ? rogueKey.getPrivateKey() : signingKey.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the ID token", e);
        }
    }
}
