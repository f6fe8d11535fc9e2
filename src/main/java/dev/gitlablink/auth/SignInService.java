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
import dev.gitlablink.gitlab.GitLabConfig;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.gitlab.GitLabRejectedException;
import dev.gitlablink.gitlab.GitLabTokenInfo;
import dev.gitlablink.gitlab.GitLabUrls;
import dev.gitlablink.gitlab.GitLabUserInfo;
import dev.gitlablink.token.RevocationService;
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
    private final SignOut signOut;
    private final RevocationService revocations;
    private final GitLabConfig gitLabConfig;
    private final Clock clock;

    public SignInService(GitLabOAuthClient oauthClient, AccountLinkingService linking, SessionService sessions,
            SignOut signOut, RevocationService revocations, GitLabConfig gitLabConfig, Clock clock) {
        this.signOut = signOut;
        this.revocations = revocations;
        this.oauthClient = oauthClient;
        this.linking = linking;
        this.sessions = sessions;
        this.gitLabConfig = gitLabConfig;
        this.clock = clock;
    }

    /**
     * Records the sign-in and starts a fresh session (a new id on every sign-in, so a planted cookie is
     * useless). A session already open in this browser ends, and its user gets the new identity linked.
     */
    NewSession complete(SecurityIdentity identity, Optional<String> previousSessionCookie) {
        // For the code flow, quarkus-oidc's principal is the verified ID token.
        JsonWebToken idToken = (JsonWebToken) identity.getPrincipal();
        String instanceUrl = GitLabUrls.normalise(gitLabConfig.url());
        AccessTokenCredential credential = Objects.requireNonNull(identity.getCredential(AccessTokenCredential.class),
                "code flow identity without access token");
        String accessToken = credential.getToken();
        String refreshToken = credential.getRefreshToken() == null ? null : credential.getRefreshToken().getToken();
        try {
            return complete(idToken, instanceUrl, accessToken, refreshToken, previousSessionCookie);
        } catch (StoredButFailed stored) {
            // The pair is the account's now; the next sign-in or sign-out gives it up.
            throw (RuntimeException) stored.getCause();
        } catch (RuntimeException failed) {
            // GitLab has issued this pair and nobody will hold it: revoked through the outbox.
            revocations.giveUp(instanceUrl, accessToken, refreshToken, "a sign-in that failed");
            throw failed;
        }
    }

    private NewSession complete(JsonWebToken idToken, String instanceUrl, String accessToken, String refreshToken,
            Optional<String> previousSessionCookie) {
        GitLabUserInfo userInfo = oauthClient.userInfo(instanceUrl, accessToken);
        if (!idToken.getSubject().equals(userInfo.sub())) {
            throw new GitLabRejectedException(401, "userinfo subject differs from the ID token subject");
        }
        GitLabTokenInfo tokenInfo = oauthClient.tokenInfo(instanceUrl, accessToken);
        GitLabIdentity gitLabIdentity = new GitLabIdentity(idToken.getSubject(), userInfo.username(), userInfo.name(),
                userInfo.email(), userInfo.picture());
        long expiresIn = tokenInfo.expiresIn() == null ? 0 : tokenInfo.expiresIn();
        GrantedTokens tokens = new GrantedTokens(accessToken, refreshToken,
                clock.instant().plusSeconds(expiresIn), tokenInfo.scopes());

        Optional<SessionPrincipal> previous = previousSessionCookie.flatMap(sessions::resolveStoredCookie);
        SignInResult result = linking.recordSignIn(instanceUrl, gitLabIdentity, tokens,
                previous.map(SessionPrincipal::userId));
        try {
            previous.ifPresent(session -> signOut.replace(session.sessionIdHash()));
            Log.infof("Signed in app user %s with GitLab user %s (account %s)", result.userId(),
                    gitLabIdentity.gitlabUserId(), result.accountId());
            return sessions.create(result.userId());
        } catch (RuntimeException failed) {
            throw new StoredButFailed(failed);
        }
    }

    /** A failure after the pair was stored in the account: the pair is the account's now, not given up. */
    private static final class StoredButFailed extends RuntimeException {

        StoredButFailed(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
