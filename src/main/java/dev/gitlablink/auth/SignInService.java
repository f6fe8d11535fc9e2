package dev.gitlablink.auth;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.gitlablink.account.AccountLinkingService;
import dev.gitlablink.account.GitLabIdentity;
import dev.gitlablink.account.GrantedTokens;
import dev.gitlablink.account.SignInResult;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.gitlab.GitLabRejectedException;
import dev.gitlablink.gitlab.GitLabTokenInfo;
import dev.gitlablink.gitlab.GitLabUserInfo;
import io.quarkus.logging.Log;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Turns a finished OIDC code flow into a linked account and a session of ours. quarkus-oidc has already
 * checked state, PKCE, nonce and the ID token (signature, issuer, audience, expiry) by the time this runs.
 */
@ApplicationScoped
public class SignInService {

    private final GitLabOAuthClient oauthClient;
    private final AccountLinkingService linking;
    private final SessionService sessions;
    private final InstanceTenantResolver tenants;
    private final Clock clock;

    public SignInService(GitLabOAuthClient oauthClient, AccountLinkingService linking, SessionService sessions,
            InstanceTenantResolver tenants, Clock clock) {
        this.oauthClient = oauthClient;
        this.linking = linking;
        this.sessions = sessions;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * Records the sign-in and starts a fresh session (a new id on every sign-in, so a planted cookie is
     * useless). A session already open in this browser ends, and its user gets the new identity linked.
     */
    NewSession complete(SecurityIdentity identity, Optional<String> previousSessionCookie) {
        // For the code flow, quarkus-oidc's principal is the verified ID token.
        JsonWebToken idToken = (JsonWebToken) identity.getPrincipal();
        // The instance of the quarkus-oidc tenant that ran the code flow (one tenant per instance).
        String instanceUrl = tenants.instanceOf(identity).url();
        AccessTokenCredential credential = Objects.requireNonNull(identity.getCredential(AccessTokenCredential.class),
                "code flow identity without access token");
        String accessToken = credential.getToken();
        GitLabUserInfo userInfo = oauthClient.userInfo(instanceUrl, accessToken);
        if (!idToken.getSubject().equals(userInfo.sub())) {
            throw new GitLabRejectedException(401, "userinfo subject differs from the ID token subject");
        }
        GitLabTokenInfo tokenInfo = oauthClient.tokenInfo(instanceUrl, accessToken);
        GitLabIdentity gitLabIdentity = new GitLabIdentity(idToken.getSubject(), userInfo.username(), userInfo.name(),
                userInfo.email(), userInfo.picture());
        String refreshToken = credential.getRefreshToken() == null ? null : credential.getRefreshToken().getToken();
        long expiresIn = tokenInfo.expiresIn() == null ? 0 : tokenInfo.expiresIn();
        GrantedTokens tokens = new GrantedTokens(accessToken, refreshToken,
                clock.instant().plusSeconds(expiresIn), tokenInfo.scopes());

        Optional<SessionPrincipal> previous = previousSessionCookie.flatMap(sessions::resolveStoredCookie);
        SignInResult result = linking.recordSignIn(instanceUrl, gitLabIdentity, tokens,
                previous.map(SessionPrincipal::userId));
        previous.ifPresent(session -> sessions.end(session.sessionIdHash()));
        Log.infof("Signed in app user %s with GitLab user %s (account %s)", result.userId(),
                gitLabIdentity.gitlabUserId(), result.accountId());
        return sessions.create(result.userId());
    }
}
