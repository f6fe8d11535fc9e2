package dev.gitlablink.policy;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.AccountForbidding;
import dev.gitlablink.gitlab.GitLabException;
import dev.gitlablink.gitlab.GitLabTokenRejectedException;
import dev.gitlablink.token.RefreshedGrantCheck;
import io.quarkus.logging.Log;

/**
 * Checks an account against its instance's access policy again, with userinfo's {@code groups} (the ID token of a
 * refresh carries only {@code groups_direct}): at every refresh and from the {@link PolicySweep}. A refused account
 * becomes {@code forbidden}. When GitLab cannot answer the check, the account keeps its access until the next check
 * (a refresh or the sweep): a GitLab outage must not end everyone's access.
 */
@ApplicationScoped
public class PolicyRecheck implements RefreshedGrantCheck {

    private final AccessPolicyGate gate;
    private final AccountForbidding forbidding;

    PolicyRecheck(AccessPolicyGate gate, AccountForbidding forbidding) {
        this.gate = gate;
        this.forbidding = forbidding;
    }

    @Override
    public boolean stillAllowed(UUID accountId, String instanceUrl, String accessToken) {
        try {
            return recheck(accountId, instanceUrl, accessToken, "refresh");
        } catch (GitLabTokenRejectedException rejected) {
            // GitLab refused the token it has just issued; the request that uses it finds out and renews it.
            Log.warnf("The access policy of account %s could not be checked after a refresh (%s)", accountId,
                    rejected.getMessage());
            return true;
        }
    }

    /**
     * Whether the account may stay; {@code occasion} names the check in the log. GitLab failures other than a
     * rejected token count as allowed for now (logged); a rejected token is thrown, for the caller to renew it.
     */
    boolean recheck(UUID accountId, String instanceUrl, String accessToken, String occasion) {
        if (!gate.inForce(instanceUrl)) {
            return true;
        }
        PolicyDecision decision;
        try {
            decision = gate.recheck(instanceUrl, accessToken, occasion);
        } catch (GitLabTokenRejectedException rejected) {
            throw rejected;
        } catch (GitLabException unavailable) {
            Log.warnf("The access policy of account %s could not be checked at %s (%s); checked again later",
                    accountId, occasion, unavailable.getMessage());
            return true;
        }
        if (decision.allowed()) {
            forbidding.checked(accountId);
            return true;
        }
        forbidding.forbid(accountId, "refused at a " + occasion + ": " + decision.reasonCode());
        return false;
    }
}
