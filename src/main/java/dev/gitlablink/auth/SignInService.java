package dev.gitlablink.auth;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.AccountLinkingService;
import dev.gitlablink.account.SignInResult;
import dev.gitlablink.api.ProblemCode;
import dev.gitlablink.api.ProblemException;
import dev.gitlablink.policy.PolicyAdmission;
import dev.gitlablink.token.RevocationService;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Turns a finished OIDC code flow into a session of ours. Sign-in only signs in: the GitLab identity maps to its own
 * app user (a new one on first sight), never to whoever this browser was signed in as; linking another account is
 * its own, explicit intent (link/).
 */
@ApplicationScoped
public class SignInService {

    /** Shown to a user the access policy refused; safe to show (it names no group or rule). */
    static final String POLICY_DENIED = "This GitLab account is not allowed to use this service. Ask its "
            + "administrators for access, or sign in with another account.";

    private final CodeFlowGrants grants;
    private final AccountLinkingService linking;
    private final SessionService sessions;
    private final SignOut signOut;
    private final RevocationService revocations;
    private final SignInMetrics metrics;
    private final PolicyAdmission admission;

    public SignInService(CodeFlowGrants grants, AccountLinkingService linking, SessionService sessions,
            SignOut signOut, RevocationService revocations, SignInMetrics metrics, PolicyAdmission admission) {
        this.metrics = metrics;
        this.admission = admission;
        this.grants = grants;
        this.linking = linking;
        this.sessions = sessions;
        this.signOut = signOut;
        this.revocations = revocations;
    }

    /**
     * Ends any session this browser still has (whoever's it is: a planted or left-over cookie must not survive the
     * sign-in), records the sign-in and starts a fresh session with a new id.
     */
    NewSession complete(SecurityIdentity identity, Optional<String> previousSessionCookie) {
        Optional<SessionPrincipal> previous = previousSessionCookie.flatMap(sessions::resolveStoredCookie);
        SignInResult result;
        try {
            result = record(grants.read(identity));
        } catch (RuntimeException failed) {
            previous.ifPresent(session -> signOut.endSession(session.userId(), session.sessionIdHash()));
            throw failed;
        }
        previous.ifPresent(session -> endPrevious(session, result.userId()));
        NewSession session = sessions.create(result.userId());
        metrics.succeeded();
        return session;
    }

    private SignInResult record(CodeFlowGrant grant) {
        if (!admission.admit(grant.instanceUrl(), grant.userInfo(), grant.tokens(), "sign-in")) {
            // Nothing was stored, and the pair is revoked: no user, account or session for this identity.
            throw new ProblemException(ProblemCode.ACCESS_DENIED_BY_POLICY, POLICY_DENIED);
        }
        SignInResult result;
        try {
            result = linking.recordSignIn(grant.instanceUrl(), grant.identity(), grant.tokens());
        } catch (RuntimeException failed) {
            // GitLab has issued this pair and nobody will hold it: revoked through the outbox.
            revocations.revoke(grant.instanceUrl(), grant.tokens(), "a sign-in that failed");
            throw failed;
        }
        // From here on the pair is the account's: the next sign-in, refresh or sign-out gives it up.
        Log.infof("Signed in app user %s with GitLab user %s (account %s)", result.userId(),
                grant.identity().gitlabUserId(), result.accountId());
        return result;
    }

    /**
     * The browser's previous session ends. Another user's is signed out as at logout (their grants are given up if it
     * was their last session); the same user's is simply replaced by the new session.
     */
    private void endPrevious(SessionPrincipal previous, UUID signedIn) {
        if (previous.userId().equals(signedIn)) {
            signOut.replace(previous.sessionIdHash());
        } else {
            signOut.endSession(previous.userId(), previous.sessionIdHash());
        }
    }
}
