package dev.gitlablink.link.service;

import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.api.ProblemCode;
import dev.gitlablink.auth.CodeFlowGrant;
import dev.gitlablink.auth.CodeFlowGrants;
import dev.gitlablink.gitlab.ConfiguredInstance;
import dev.gitlablink.gitlab.GitLabInstances;
import dev.gitlablink.token.RevocationService;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * What a link and a step-up check first when GitLab's code flow comes back: the grant it carries, from a flow this
 * browser started, for an intent that is still good, on the instance that intent names. A refusal revokes the grant
 * at once, so GitLab holds no grant nobody keeps.
 */
@ApplicationScoped
class IntentGrants {

    private final GitLabInstances instances;
    private final CodeFlowGrants grants;
    private final RevocationService revocation;

    IntentGrants(GitLabInstances instances, CodeFlowGrants grants, RevocationService revocation) {
        this.instances = instances;
        this.grants = grants;
        this.revocation = revocation;
    }

    /** A grant and the intent it may be used for. */
    record Checked(CodeFlowGrant grant, LinkTarget target) {
    }

    /**
     * The grant {@code identity} carries and the target of the intent {@code consume} uses up, or the refusal's
     * problem once the grant is revoked. {@code startedHere}: this browser started the code flow
     * (auth/SessionCookies#boundNonce); otherwise its quarkus-oidc session was planted, and the attacker's grant would
     * end up with the victim's user. {@code purpose} names the flow in the revocation's reason.
     */
    Checked check(String intentId, Optional<String> sessionCookie, SecurityIdentity identity, boolean startedHere,
            BiFunction<String, Optional<String>, LinkTarget> consume, String purpose) {
        CodeFlowGrant grant = grants.read(identity);
        if (!startedHere) {
            throw refuse(grant, ProblemCode.LINK_SESSION_MISMATCH, purpose);
        }
        LinkTarget target = consume.apply(intentId, sessionCookie);
        if (target.isRefused()) {
            throw refuse(grant, target.refusal(), purpose);
        }
        String instanceUrl = instances.byId(target.instance()).map(ConfiguredInstance::url).orElse(null);
        if (!grant.instanceUrl().equals(instanceUrl)) {
            // The intent names an instance this code flow did not run against (or one no longer configured).
            throw refuse(grant, ProblemCode.LINK_INTENT_NOT_FOUND, purpose);
        }
        return new Checked(grant, target);
    }

    /** Revokes {@code grant} and returns the problem to throw. */
    RuntimeException refuse(CodeFlowGrant grant, ProblemCode why, String purpose) {
        revocation.revoke(grant.instanceUrl(), grant.tokens(), purpose + " refused: " + why.code());
        return LinkIntentService.refusal(why);
    }
}
