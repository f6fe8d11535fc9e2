package dev.gitlablink.api;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.gitlablink.account.AccountGrant;
import dev.gitlablink.auth.SessionPrincipal;

/**
 * A call on {@code caller}'s account {@code accountId} needs GitLab scopes its grant lacks: answered as 403
 * {@code gitlab_insufficient_scope} with a {@code stepUpUrl} that asks GitLab for {@code missingScopes}
 * (api/ProblemMapper#missingScopes). Thrown when GitLab answered {@code insufficient_scope}
 * ({@link #fromGitLab}), and by a route that declares scopes the account was not granted, before GitLab is called.
 *
 * @param requiredScopes what the call needs, as the problem's {@code requiredScopes} names it (for GitLab's answer:
 *                       any one of them)
 * @param missingScopes  the scopes a step-up asks for in addition to the granted ones
 */
public class MissingScopesException extends RuntimeException {

    private final transient SessionPrincipal caller;
    private final UUID accountId;
    private final List<String> requiredScopes;
    private final List<String> missingScopes;

    public MissingScopesException(SessionPrincipal caller, UUID accountId, List<String> requiredScopes,
            List<String> missingScopes) {
        super("account " + accountId + " lacks the scopes " + missingScopes, null, false, false);
        this.caller = caller;
        this.accountId = accountId;
        this.requiredScopes = List.copyOf(requiredScopes);
        this.missingScopes = List.copyOf(missingScopes);
    }

    /**
     * GitLab refused the account's token with {@code insufficient_scope}, naming {@code acceptableScopes} (any one of
     * them would do): the step-up asks for the least of them, a {@code read_*} scope before {@code api}.
     */
    public static MissingScopesException fromGitLab(SessionPrincipal caller, UUID accountId,
            List<String> acceptableScopes) {
        String least = acceptableScopes.stream().filter(scope -> !scope.equals("api") && !scope.equals("sudo"))
                .findFirst().orElse(acceptableScopes.isEmpty() ? "api" : acceptableScopes.getFirst());
        return new MissingScopesException(caller, accountId, acceptableScopes, List.of(least));
    }

    /**
     * For a route that declares {@code declaredScopes} (all needed): throws when the account's grant lacks any of them,
     * before GitLab is called, so the problem offers a step-up asking for exactly the missing ones.
     */
    public static void requireGranted(SessionPrincipal caller, AccountGrant grant, Collection<String> declaredScopes) {
        List<String> missing = declaredScopes.stream().filter(scope -> !grant.scopes().contains(scope)).toList();
        if (!missing.isEmpty()) {
            throw new MissingScopesException(caller, grant.accountId(), List.copyOf(declaredScopes), missing);
        }
    }

    public SessionPrincipal caller() {
        return caller;
    }

    public UUID accountId() {
        return accountId;
    }

    public List<String> requiredScopes() {
        return requiredScopes;
    }

    public List<String> missingScopes() {
        return missingScopes;
    }
}
