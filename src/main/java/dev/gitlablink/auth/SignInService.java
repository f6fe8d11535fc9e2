package dev.gitlablink.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.account.AccountLinkingService;
import dev.gitlablink.account.SignInResult;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Turns a finished OIDC code flow into a session of ours. Sign-in only signs in: the GitLab identity maps to its own
 * app user (a new one on first sight), never to whoever this browser was signed in as; linking another account is
 * its own, explicit intent (link/).
 */
@ApplicationScoped
public class SignInService {

    private final CodeFlowGrants grants;
    private final AccountLinkingService linking;
    private final SessionService sessions;

    public SignInService(CodeFlowGrants grants, AccountLinkingService linking, SessionService sessions) {
        this.grants = grants;
        this.linking = linking;
        this.sessions = sessions;
    }

    /**
     * Ends any session this browser still has (whoever's it is: a planted or left-over cookie must not survive the
     * sign-in), records the sign-in and starts a fresh session with a new id.
     */
    NewSession complete(SecurityIdentity identity, Optional<String> previousSessionCookie) {
        previousSessionCookie.ifPresent(sessions::endCookie);
        CodeFlowGrant grant = grants.read(identity);
        SignInResult result = linking.recordSignIn(grant.instanceUrl(), grant.identity(), grant.tokens());
        Log.infof("Signed in app user %s with GitLab user %s (account %s)", result.userId(),
                grant.identity().gitlabUserId(), result.accountId());
        return sessions.create(result.userId());
    }
}
