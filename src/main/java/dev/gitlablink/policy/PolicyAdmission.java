package dev.gitlablink.policy;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.AccountForbidding;
import dev.gitlablink.account.GrantedTokens;
import dev.gitlablink.gitlab.GitLabUserInfo;
import dev.gitlablink.token.RevocationService;

/**
 * The access policy at the door: a sign-in, a link or a device link whose GitLab user the instance's policy refuses
 * keeps nothing. The pair GitLab just issued is revoked (through the outbox), no row is created, and an account the
 * identity already has becomes {@code forbidden} (its stored grant given up too).
 */
@ApplicationScoped
public class PolicyAdmission {

    private final AccessPolicyGate gate;
    private final RevocationService revocations;
    private final AccountForbidding forbidding;

    PolicyAdmission(AccessPolicyGate gate, RevocationService revocations, AccountForbidding forbidding) {
        this.gate = gate;
        this.revocations = revocations;
        this.forbidding = forbidding;
    }

    /**
     * Whether the user of {@code tokens} (whose userinfo is {@code userInfo}) may come in. When not, or when GitLab
     * fails the check (the failure is thrown), the pair has been given up; the caller keeps nothing.
     */
    public boolean admit(String instanceUrl, GitLabUserInfo userInfo, GrantedTokens tokens, String occasion) {
        PolicyDecision decision;
        try {
            decision = gate.check(instanceUrl, userInfo, tokens.accessToken(), occasion);
        } catch (RuntimeException failed) {
            revocations.revoke(instanceUrl, tokens, "a " + occasion + " whose access policy check failed");
            throw failed;
        }
        if (decision.allowed()) {
            return true;
        }
        revocations.revoke(instanceUrl, tokens, "a " + occasion + " the access policy refused");
        forbidding.forbidIdentity(instanceUrl, userInfo.sub(), "refused at a " + occasion + ": "
                + decision.reasonCode());
        return false;
    }
}
