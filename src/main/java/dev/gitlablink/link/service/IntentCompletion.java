package dev.gitlablink.link.service;

import java.util.Optional;
import java.util.UUID;

import io.quarkus.security.identity.SecurityIdentity;

/** Finishes what an intent started once GitLab's code flow comes back: a link or a step-up. */
public interface IntentCompletion {

    /**
     * The account the intent {@code intentId} of the session {@code sessionCookie} names gets the grant
     * {@code identity} carries, or the refusal's problem is thrown after the grant is revoked. {@code startedHere}:
     * this browser started the code flow.
     */
    UUID complete(String intentId, Optional<String> sessionCookie, SecurityIdentity identity, boolean startedHere);
}
