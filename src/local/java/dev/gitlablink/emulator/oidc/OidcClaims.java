package dev.gitlablink.emulator.oidc;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.state.EmulatorState;
import dev.gitlablink.emulator.state.Scopes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

/** GitLab's custom OIDC claims (config/initializers/doorkeeper_openid_connect.rb), all gated by {@code openid}. */
public final class OidcClaims {

    private final EmulatorState state;

    public OidcClaims(EmulatorState state) {
        this.state = state;
    }

    /** Userinfo body: {@code sub} first, then the configured claims in config order. */
    public JsonObject userinfo(EmulatorUser user, Collection<String> scopes) {
        JsonObject claims = new JsonObject().put("sub", String.valueOf(user.id()));
        putProfileClaims(claims, user, scopes);
        // Every group the user belongs to, inherited membership included; an empty array is kept. (The
        // groups/owner|maintainer|developer claims are not emulated.)
        claims.put("groups", new JsonArray(state.data().memberGroupPaths(user.id(), false)));
        return claims;
    }

    /** The custom claims an ID token carries after the standard ones. */
    public void putIdTokenClaims(JsonObject claims, EmulatorUser user, Collection<String> scopes) {
        putProfileClaims(claims, user, scopes);
        // Only direct memberships: a member of a parent group is not listed with its subgroups here.
        claims.put("groups_direct", new JsonArray(state.data().memberGroupPaths(user.id(), true)));
    }

    private void putProfileClaims(JsonObject claims, EmulatorUser user, Collection<String> scopes) {
        claims.put("sub_legacy", subLegacy(user.id()));
        putIfPresent(claims, "name", user.name());
        putIfPresent(claims, "nickname", user.username());
        putIfPresent(claims, "preferred_username", user.username());
        if (scopes.contains(Scopes.EMAIL)) {
            claims.put("email", user.email());
            claims.put("email_verified", state.users().emailConfirmed(user.id()));
        } else if (user.publicEmail() != null && !user.publicEmail().isBlank()) {
            // Without the email scope GitLab falls back to the public email, which is verified by definition.
            claims.put("email", user.publicEmail());
            claims.put("email_verified", true);
        }
        claims.put("profile", state.baseUrl() + "/" + user.username());
        putIfPresent(claims, "picture", user.avatarUrl());
    }

    /** SHA-256 hex of {@code "<id>-<secret_key_base>"}. */
    public static String subLegacy(long userId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((userId + "-" + EmulatorState.SECRET_KEY_BASE).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Doorkeeper-openid_connect drops claims whose value is nil or "". */
    private static void putIfPresent(JsonObject claims, String name, String value) {
        if (value != null && !value.isEmpty()) {
            claims.put(name, value);
        }
    }
}
