package dev.gitlablink.api;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import dev.gitlablink.auth.SessionPrincipal;

/**
 * Makes the one-time step-up URL a {@code gitlab_insufficient_scope} problem offers (implemented by
 * link/service/StepUpService, which keeps the intent it names). Blocking: it writes to the database.
 */
public interface StepUpOffers {

    /**
     * A URL of this service that, followed by {@code caller}'s browser, asks GitLab for the account's granted scopes
     * plus {@code missingScopes}; empty when the account is not the caller's.
     */
    Optional<String> offer(SessionPrincipal caller, UUID accountId, Collection<String> missingScopes);
}
