package dev.gitlablink.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.AccountGrant;
import dev.gitlablink.account.AccountQueryService;
import dev.gitlablink.account.LinkedAccountView;
import dev.gitlablink.account.Scopes;
import dev.gitlablink.gitlab.ConfiguredInstance;
import dev.gitlablink.gitlab.GitLabInstances;
import dev.gitlablink.token.AccountNotFoundException;
import dev.gitlablink.token.TokenService;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Drops an account back to fewer GitLab scopes (after a step-up, say): a refresh asking GitLab for only those, which
 * narrows the grant. The set must be within the granted scopes and keep the instance's sign-in scopes.
 */
@ApplicationScoped
public class AccountScopesService {

    private final AccountQueryService accounts;
    private final GitLabInstances instances;
    private final TokenService tokens;

    public AccountScopesService(AccountQueryService accounts, GitLabInstances instances, TokenService tokens) {
        this.accounts = accounts;
        this.instances = instances;
        this.tokens = tokens;
    }

    /** Narrows {@code userId}'s account {@code accountId} to {@code requested}; 400 when the set is not allowed. */
    public LinkedAccountView narrow(UUID userId, UUID accountId, List<String> requested) {
        AccountGrant grant = accounts.grant(userId, accountId).orElseThrow(() -> new AccountNotFoundException(accountId));
        ConfiguredInstance instance = instances.require(grant.instanceUrl());
        Set<String> scopes = new LinkedHashSet<>(requested == null ? List.of() : requested);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (scopes.isEmpty() || scopes.stream().anyMatch(scope -> scope == null || scope.isBlank())) {
            errors.add(new Problem.FieldError("scopes", "must_not_be_empty"));
        } else if (!grant.scopes().containsAll(scopes)) {
            errors.add(new Problem.FieldError("scopes", "not_granted"));
        } else if (!scopes.containsAll(Scopes.parse(instance.scopes()))) {
            errors.add(new Problem.FieldError("scopes", "below_sign_in_scopes"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "The scopes must be among the granted ones and "
                    + "include the sign-in scopes (" + instance.scopes() + ").", errors);
        }
        // Refreshed even when the set is the granted one: the answer is then a fresh pair with exactly these scopes.
        tokens.narrow(accountId, Scopes.join(scopes));
        // Read in a transaction of its own: the grant read above is still in this request's persistence context.
        return QuarkusTransaction.requiringNew().call(() -> accounts.view(userId, accountId))
                .orElseThrow(() -> new AccountNotFoundException(accountId));
    }
}
