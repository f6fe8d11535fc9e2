package dev.gitlablink.link.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.AccountLinkingService;
import dev.gitlablink.account.Scopes;
import dev.gitlablink.account.StepUpResult;
import dev.gitlablink.api.ProblemCode;
import dev.gitlablink.auth.CodeFlowGrant;
import dev.gitlablink.policy.PolicyAdmission;
import dev.gitlablink.token.RevocationService;
import dev.gitlablink.token.TokenService;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Finishes a step-up: GitLab's code flow came back with a wider grant, and the intent it carries names the account
 * it is for. Only the same GitLab user, in the session that asked, with every scope asked for, replaces the account's
 * grant (whose old pair is then revoked), and only when the instance's access policy allows that user now; anything
 * else is refused and the new tokens are revoked at once.
 */
@ApplicationScoped
public class StepUpCompletion implements IntentCompletion {

    private final IntentGrants intentGrants;
    private final LinkIntentService intents;
    private final AccountLinkingService linking;
    private final RevocationService revocation;
    private final TokenService tokens;
    private final PolicyAdmission admission;

    StepUpCompletion(IntentGrants intentGrants, LinkIntentService intents, AccountLinkingService linking,
            RevocationService revocation, TokenService tokens, PolicyAdmission admission) {
        this.intentGrants = intentGrants;
        this.intents = intents;
        this.linking = linking;
        this.revocation = revocation;
        this.tokens = tokens;
        this.admission = admission;
    }

    /**
     * Gives the intent's account the grant {@code identity} carries, or throws the refusal's problem after revoking
     * it. {@code startedHere}: this browser started the code flow (see {@link IntentGrants#check}).
     */
    @Override
    public UUID complete(String intentId, Optional<String> sessionCookie, SecurityIdentity identity,
            boolean startedHere) {
        IntentGrants.Checked checked = intentGrants.check(intentId, sessionCookie, identity, startedHere,
                intents::consumeStepUp, "step-up");
        CodeFlowGrant grant = checked.grant();
        LinkTarget target = checked.target();
        if (!Scopes.parse(grant.tokens().scopes()).equals(Scopes.parse(target.scopes()))) {
            // Fewer: stored, this grant would take from the account what the step-up was to add to. More (the
            // code flow's scope parameter edited on its way to GitLab): a stronger token than any route needs.
            throw refuse(grant, ProblemCode.STEP_UP_SCOPES_NOT_GRANTED);
        }
        // A step-up is a new grant like a sign-in's: without this a forbidden account would become active again.
        if (!admission.admit(grant.instanceUrl(), grant.userInfo(), grant.tokens(), "step-up")) {
            // The pair is revoked already, and the account stays forbidden.
            throw LinkIntentService.refusal(ProblemCode.ACCESS_DENIED_BY_POLICY);
        }
        StepUpResult result;
        try {
            result = linking.replaceGrant(target.accountId(), target.userId(), grant.instanceUrl(), grant.identity(),
                    grant.tokens());
        } catch (RuntimeException failed) {
            // Nothing was stored (the transaction rolled back): nobody will hold this pair, so it is revoked.
            revocation.revoke(grant.instanceUrl(), grant.tokens(), "a step-up that failed");
            throw failed;
        }
        switch (result) {
            case ACCOUNT_NOT_FOUND -> throw refuse(grant, ProblemCode.ACCOUNT_NOT_FOUND);
            case OTHER_IDENTITY -> throw refuse(grant, ProblemCode.STEP_UP_IDENTITY_MISMATCH);
            case REPLACED -> tokens.evict(target.accountId());
        }
        return target.accountId();
    }

    private RuntimeException refuse(CodeFlowGrant grant, ProblemCode why) {
        return intentGrants.refuse(grant, why, "step-up");
    }
}
