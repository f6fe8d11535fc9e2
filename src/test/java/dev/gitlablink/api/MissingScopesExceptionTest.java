package dev.gitlablink.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.gitlablink.account.AccountGrant;
import dev.gitlablink.auth.SessionPrincipal;

/** Which scopes a step-up asks for: GitLab's alternatives, or what a route declares and the grant lacks. */
class MissingScopesExceptionTest {

    private static final SessionPrincipal CALLER = new SessionPrincipal(UUID.randomUUID(), "hash", Instant.EPOCH);
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final AccountGrant READ_ONLY = new AccountGrant(ACCOUNT, "https://gitlab.example",
            Set.of("openid", "profile", "email", "read_user", "read_api"));

    @Test
    void gitLabsAlternativesAskForTheLeastOfThem() {
        assertEquals(List.of("read_api"),
                MissingScopesException.fromGitLab(CALLER, ACCOUNT, List.of("api", "read_api")).missingScopes());
        assertEquals(List.of("read_user"), MissingScopesException.fromGitLab(CALLER, ACCOUNT,
                List.of("read_user", "api", "read_api")).missingScopes());
        assertEquals(List.of("api"), MissingScopesException.fromGitLab(CALLER, ACCOUNT, List.of("api")).missingScopes());
        assertEquals(List.of("api", "read_api"),
                MissingScopesException.fromGitLab(CALLER, ACCOUNT, List.of("api", "read_api")).requiredScopes());
    }

    @Test
    void aDeclaredScopeTheGrantLacksIsMissing() {
        MissingScopesException missing = assertThrows(MissingScopesException.class,
                () -> MissingScopesException.requireGranted(CALLER, READ_ONLY, List.of("api")));

        assertEquals(List.of("api"), missing.missingScopes());
        assertEquals(List.of("api"), missing.requiredScopes());
        assertEquals(ACCOUNT, missing.accountId());
        assertSame(CALLER, missing.caller());
        assertDoesNotThrow(() -> MissingScopesException.requireGranted(CALLER, READ_ONLY, List.of("read_api")));
    }
}
