package dev.gitlablink.link.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.AccountLinkingService;
import dev.gitlablink.account.LinkResult;
import dev.gitlablink.api.ProblemCode;
import dev.gitlablink.auth.CodeFlowGrant;
import dev.gitlablink.auth.CodeFlowGrants;
import dev.gitlablink.gitlab.ConfiguredInstance;
import dev.gitlablink.gitlab.GitLabInstances;
import dev.gitlablink.policy.PolicyAdmission;
import dev.gitlablink.token.RevocationService;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Finishes a link: GitLab's code flow came back with tokens for an identity, and the intent it carries decides
 * whether that identity joins the intent's user. Tokens of a refused link are revoked at once, so GitLab holds no
 * grant nobody keeps.
 */
@ApplicationScoped
public class LinkCompletion {

    private final LinkIntentService intents;
    private final GitLabInstances instances;
    private final CodeFlowGrants grants;
    private final AccountLinkingService linking;
    private final RevocationService revocation;
    private final PolicyAdmission admission;

    LinkCompletion(LinkIntentService intents, GitLabInstances instances, CodeFlowGrants grants,
            AccountLinkingService linking, RevocationService revocation, PolicyAdmission admission) {
        this.admission = admission;
        this.intents = intents;
        this.instances = instances;
        this.grants = grants;
        this.linking = linking;
        this.revocation = revocation;
    }

    /**
     * Links the identity {@code identity} signed in as, or throws the refusal's problem after revoking its tokens.
     * {@code startedHere}: this browser started the code flow (auth/SessionCookies#boundNonce); otherwise its
     * quarkus-oidc session was planted, and the attacker's GitLab account would join the victim's user.
     */
    public UUID complete(String intentId, Optional<String> sessionCookie, SecurityIdentity identity,
            boolean startedHere) {
        CodeFlowGrant grant = grants.read(identity);
        if (!startedHere) {
            throw refuse(grant, ProblemCode.LINK_SESSION_MISMATCH);
        }
        LinkTarget target = intents.consume(intentId, sessionCookie);
        if (target.isRefused()) {
            throw refuse(grant, target.refusal());
        }
        String instanceUrl = instances.byId(target.instance()).map(ConfiguredInstance::url).orElse(null);
        if (!grant.instanceUrl().equals(instanceUrl)) {
            // The intent names an instance this code flow did not run against (or one no longer configured).
            throw refuse(grant, ProblemCode.LINK_INTENT_NOT_FOUND);
        }
        if (!admission.admit(grant.instanceUrl(), grant.userInfo(), grant.tokens(), "link")) {
            // The pair is revoked already: nothing is linked.
            throw LinkIntentService.refusal(ProblemCode.ACCESS_DENIED_BY_POLICY);
        }
        LinkResult result;
        try {
            result = linking.link(grant.instanceUrl(), grant.identity(), grant.tokens(), target.userId());
        } catch (RuntimeException failed) {
            // Nothing was stored (the transaction rolled back): nobody will hold this pair, so it is revoked.
            revocation.revoke(grant.instanceUrl(), grant.tokens(), "a link that failed");
            throw failed;
        }
        if (result.refused()) {
            throw refuse(grant, ProblemCode.ACCOUNT_LINKED_ELSEWHERE);
        }
        return result.accountId();
    }

    private RuntimeException refuse(CodeFlowGrant grant, ProblemCode why) {
        revocation.revoke(grant.instanceUrl(), grant.tokens(), "link refused: " + why.code());
        return LinkIntentService.refusal(why);
    }
}
