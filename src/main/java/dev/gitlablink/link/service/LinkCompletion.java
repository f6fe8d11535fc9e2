package dev.gitlablink.link.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.AccountLinkingService;
import dev.gitlablink.account.LinkResult;
import dev.gitlablink.api.ProblemCode;
import dev.gitlablink.auth.CodeFlowGrant;
import dev.gitlablink.policy.PolicyAdmission;
import dev.gitlablink.token.RevocationService;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Finishes a link: GitLab's code flow came back with tokens for an identity, and the intent it carries decides
 * whether that identity joins the intent's user. Tokens of a refused link are revoked at once, so GitLab holds no
 * grant nobody keeps.
 */
@ApplicationScoped
public class LinkCompletion implements IntentCompletion {

    private final IntentGrants intentGrants;
    private final LinkIntentService intents;
    private final AccountLinkingService linking;
    private final RevocationService revocation;
    private final PolicyAdmission admission;

    LinkCompletion(IntentGrants intentGrants, LinkIntentService intents, AccountLinkingService linking,
            RevocationService revocation, PolicyAdmission admission) {
        this.intentGrants = intentGrants;
        this.intents = intents;
        this.linking = linking;
        this.revocation = revocation;
        this.admission = admission;
    }

    /**
     * Links the identity {@code identity} signed in as, or throws the refusal's problem after revoking its tokens.
     * {@code startedHere}: this browser started the code flow (see {@link IntentGrants#check}).
     */
    @Override
    public UUID complete(String intentId, Optional<String> sessionCookie, SecurityIdentity identity,
            boolean startedHere) {
        IntentGrants.Checked checked = intentGrants.check(intentId, sessionCookie, identity, startedHere,
                intents::consume, "link");
        CodeFlowGrant grant = checked.grant();
        if (!admission.admit(grant.instanceUrl(), grant.userInfo(), grant.tokens(), "link")) {
            // The pair is revoked already: nothing is linked.
            throw LinkIntentService.refusal(ProblemCode.ACCESS_DENIED_BY_POLICY);
        }
        LinkResult result;
        try {
            result = linking.link(grant.instanceUrl(), grant.identity(), grant.tokens(), checked.target().userId());
        } catch (RuntimeException failed) {
            // Nothing was stored (the transaction rolled back): nobody will hold this pair, so it is revoked.
            revocation.revoke(grant.instanceUrl(), grant.tokens(), "a link that failed");
            throw failed;
        }
        if (result.refused()) {
            throw intentGrants.refuse(grant, ProblemCode.ACCOUNT_LINKED_ELSEWHERE, "link");
        }
        return result.accountId();
    }
}
