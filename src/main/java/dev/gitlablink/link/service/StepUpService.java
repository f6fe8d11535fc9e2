package dev.gitlablink.link.service;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.AccountQueryService;
import dev.gitlablink.account.Scopes;
import dev.gitlablink.api.StepUpOffers;
import dev.gitlablink.auth.SessionPrincipal;
import dev.gitlablink.gitlab.GitLabInstances;

/**
 * Offers step-ups: a one-time, expiring intent of the caller's session (a link intent of kind {@code step_up}) to
 * widen one account's grant, and the URL that starts it. The code flow it starts asks for the account's granted
 * scopes, the instance's sign-in scopes and the missing ones, so nothing the account could do before is lost.
 */
@ApplicationScoped
public class StepUpService implements StepUpOffers {

    /** {@code GET /stepup/start/{id}} starts a step-up (link/rest/StepUpStartResource). */
    public static final String START_PATH = "/stepup/start";

    private final LinkIntentService intents;
    private final AccountQueryService accounts;
    private final GitLabInstances instances;

    StepUpService(LinkIntentService intents, AccountQueryService accounts, GitLabInstances instances) {
        this.intents = intents;
        this.accounts = accounts;
        this.instances = instances;
    }

    @Override
    public Optional<String> offer(SessionPrincipal caller, UUID accountId, Collection<String> missingScopes) {
        return accounts.grant(caller.userId(), accountId).flatMap(grant -> instances.byUrl(grant.instanceUrl())
                .map(instance -> {
                    Set<String> scopes = new LinkedHashSet<>(Scopes.parse(instance.scopes()));
                    scopes.addAll(grant.scopes());
                    scopes.addAll(missingScopes);
                    NewLinkIntent intent = intents.createStepUp(caller, accountId, instance.id(),
                            Scopes.join(scopes));
                    return START_PATH + "/" + intent.id();
                }));
    }
}
