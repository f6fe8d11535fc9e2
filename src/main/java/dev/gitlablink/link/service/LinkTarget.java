package dev.gitlablink.link.service;

import java.util.UUID;

import dev.gitlablink.api.ProblemCode;

/**
 * What a link intent says when GitLab's answer comes back for it: the user to link to and the instance (and, for a
 * step-up, the account and the scopes asked for), or why nothing may be linked.
 */
record LinkTarget(UUID userId, String instance, UUID accountId, String scopes, ProblemCode refusal) {

    static LinkTarget refused(ProblemCode refusal) {
        return new LinkTarget(null, null, null, null, refusal);
    }

    boolean isRefused() {
        return refusal != null;
    }
}
