package dev.gitlablink.link.service;

import java.util.UUID;

import dev.gitlablink.api.ProblemCode;

/**
 * What a link intent says when GitLab's answer comes back for it: the user to link to and the instance, or why
 * nothing may be linked.
 */
record LinkTarget(UUID userId, String instance, ProblemCode refusal) {

    static LinkTarget refused(ProblemCode refusal) {
        return new LinkTarget(null, null, refusal);
    }

    boolean isRefused() {
        return refusal != null;
    }
}
