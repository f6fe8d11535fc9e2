package dev.gitlablink.auth;

import java.time.Clock;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.gitlablink.account.GitLabIdentity;
import dev.gitlablink.account.GrantedTokens;
import dev.gitlablink.gitlab.GitLabOAuthClient;
import dev.gitlablink.gitlab.GitLabRejectedException;
import dev.gitlablink.gitlab.GitLabTokenInfo;
import dev.gitlablink.gitlab.GitLabUserInfo;
import dev.gitlablink.token.RevocationService;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Reads a finished quarkus-oidc code flow (sign-in or link): quarkus-oidc has already checked state, PKCE, nonce and
 * the ID token (signature, issuer, audience, expiry); this adds GitLab's userinfo (same subject) and token info. A
 * device-code link reads its pair the same way, without an ID token.
 */
@ApplicationScoped
public class CodeFlowGrants {

    private final GitLabOAuthClient oauthClient;
    private final RevocationService revocations;
    private final InstanceTenantResolver tenants;
    private final Clock clock;

    CodeFlowGrants(GitLabOAuthClient oauthClient, RevocationService revocations, InstanceTenantResolver tenants,
            Clock clock) {
        this.oauthClient = oauthClient;
        this.revocations = revocations;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * The grant {@code identity} (quarkus-oidc's, after the code exchange) carries. When it cannot be read (GitLab
     * fails userinfo or token info, the subjects differ), the pair GitLab just issued is given up before the failure
     * is thrown: nobody else will ever hold it.
     */
    public CodeFlowGrant read(SecurityIdentity identity) {
        // The instance of the quarkus-oidc tenant that ran the code flow (one tenant per instance).
        String instanceUrl = tenants.instanceOf(identity).url();
        AccessTokenCredential credential = Objects.requireNonNull(identity.getCredential(AccessTokenCredential.class),
                "code flow identity without access token");
        String accessToken = credential.getToken();
        String refreshToken = credential.getRefreshToken() == null ? null : credential.getRefreshToken().getToken();
        try {
            return read(identity, instanceUrl, accessToken, refreshToken);
        } catch (RuntimeException failed) {
            revocations.giveUp(instanceUrl, accessToken, refreshToken, "a sign-in or link that failed after the code exchange");
            throw failed;
        }
    }

    /**
     * The grant a pair from any other GitLab grant (the device flow's) carries, read with its access token; when
     * {@code expectedSubject} is not null, userinfo must name that subject. A pair that cannot be read is given up
     * before the failure is thrown.
     */
    public CodeFlowGrant read(String instanceUrl, String expectedSubject, String accessToken, String refreshToken) {
        try {
            return identify(instanceUrl, expectedSubject, accessToken, refreshToken);
        } catch (RuntimeException failed) {
            revocations.giveUp(instanceUrl, accessToken, refreshToken, "a link that failed after the token request");
            throw failed;
        }
    }

    private CodeFlowGrant read(SecurityIdentity identity, String instanceUrl, String accessToken,
            String refreshToken) {
        // For the code flow, quarkus-oidc's principal is the verified ID token.
        JsonWebToken idToken = (JsonWebToken) identity.getPrincipal();
        return identify(instanceUrl, idToken.getSubject(), accessToken, refreshToken);
    }

    private CodeFlowGrant identify(String instanceUrl, String expectedSubject, String accessToken,
            String refreshToken) {
        GitLabUserInfo userInfo = oauthClient.userInfo(instanceUrl, accessToken);
        if (userInfo.sub() == null || expectedSubject != null && !expectedSubject.equals(userInfo.sub())) {
            throw new GitLabRejectedException(401, "userinfo subject differs from the ID token subject");
        }
        GitLabTokenInfo tokenInfo = oauthClient.tokenInfo(instanceUrl, accessToken);
        GitLabIdentity gitLabIdentity = new GitLabIdentity(userInfo.sub(), userInfo.username(), userInfo.name(),
                userInfo.email(), userInfo.picture());
        long expiresIn = tokenInfo.expiresIn() == null ? 0 : tokenInfo.expiresIn();
        GrantedTokens tokens = new GrantedTokens(accessToken, refreshToken,
                clock.instant().plusSeconds(expiresIn), tokenInfo.scopes());
        return new CodeFlowGrant(instanceUrl, gitLabIdentity, tokens, userInfo);
    }
}
