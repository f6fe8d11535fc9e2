package dev.gitlablink.emulator.oauth.store;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Issued authorization codes. */
public final class AuthorizationCodeStore {

    /** What {@code /oauth/authorize} binds a code to. */
    public record Request(String clientId, long userId, String redirectUri, List<String> scopes, String nonce,
            String codeChallenge, String codeChallengeMethod) {
    }

    private final Clock clock;
    private final Supplier<String> codeGenerator;
    private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();

    public AuthorizationCodeStore(Clock clock, Supplier<String> codeGenerator) {
        this.clock = clock;
        this.codeGenerator = codeGenerator;
    }

    public AuthorizationCode issue(Request request) {
        AuthorizationCode code = new AuthorizationCode(codeGenerator.get(), request.clientId(), request.userId(),
                request.redirectUri(), request.scopes(), request.nonce(), request.codeChallenge(),
                request.codeChallengeMethod(), clock.instant(), AuthorizationCode.LIFETIME, false);
        codes.put(code.code(), code);
        return code;
    }

    public Optional<AuthorizationCode> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(codes.get(code));
    }

    /** Revokes the user's outstanding codes (GitLab revokes grants together with tokens). */
    public synchronized void revokeAll(long userId) {
        codes.replaceAll((code, grant) -> grant.userId() == userId ? grant.asRevoked() : grant);
    }

    /** Marks the code used; {@code false} if it was not accessible any more (lost a race or replayed). */
    public synchronized boolean consume(String code) {
        AuthorizationCode current = codes.get(code);
        if (current == null || !current.accessible(clock.instant())) {
            return false;
        }
        codes.put(code, current.asRevoked());
        return true;
    }
}
