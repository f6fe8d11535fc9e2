package dev.gitlablink.auth;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.logging.Log;
import io.quarkus.oidc.AuthorizationCodeFlow;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /login?returnTo=/path&instance=<id>}: quarkus-oidc runs the GitLab code flow with the instance's tenant
 * ({@link InstanceTenantResolver}) before this method is reached (the resource requires authentication by the code
 * flow); the method then swaps quarkus-oidc's session for ours and sends the browser back to a safe
 * {@code returnTo}. It only ever signs in: any session the browser still had ends, and the GitLab identity gets its
 * own user (linking is {@code POST /api/links}).
 */
@Path("/login")
@Authenticated
@AuthorizationCodeFlow
@SignInEndpoint
@Tag(name = "Sign-in")
public class LoginResource {

    private final SignInService signIn;
    private final SessionCookies cookies;
    private final SecurityIdentity identity;
    private final OidcSession oidcSession;

    public LoginResource(SignInService signIn, SessionCookies cookies, SecurityIdentity identity,
            OidcSession oidcSession) {
        this.signIn = signIn;
        this.cookies = cookies;
        this.identity = identity;
        this.oidcSession = oidcSession;
    }

    @GET
    @Operation(summary = "Sign in with GitLab (browser navigation)",
            description = "Redirects to GitLab's authorization endpoint, then back to `returnTo` with a new session "
                    + "cookie: of the GitLab identity's own user (new on first sign-in), never of whoever this browser "
                    + "was signed in as, whose session ends. A sign-in refused by GitLab lands on the SPA with "
                    + "`?loginError=<code>`.")
    @APIResponse(responseCode = "302", description = "To GitLab (first visit) or the restored /login (after callback)")
    @APIResponse(responseCode = "303", description = "To `returnTo`, with the session cookie; or, when the instance's "
            + "access policy does not allow the GitLab account, to `/?loginError=access_denied_by_policy` (nothing is "
            + "stored and GitLab's new tokens are revoked)")
    @APIResponse(responseCode = "403", description = "`access_denied_by_policy` (a client not accepting HTML): the "
            + "instance's access policy does not allow the GitLab account")
    public Response login(@Parameter(description = "Same-origin relative path to land on; anything else lands on /")
            @QueryParam("returnTo") String returnTo,
            // Read by InstanceTenantResolver before the code flow; declared here for the API description.
            @Parameter(description = "Id of the GitLab instance to sign in with (GET /api/instances); the default "
                    + "instance when absent. Unknown: 400 `unknown_instance`, a browser lands on "
                    + "`/?loginError=unknown_instance`")
            @QueryParam(InstanceTenantResolver.INSTANCE_PARAM) String instance, @Context HttpServerRequest request) {
        Optional<String> previous = cookies.sessionCookie(request);
        Optional<String> nonce = cookies.boundNonce(identity, request);
        NewSession session;
        try {
            // Only a flow this browser started (SignInBindingFilter): not one whose OIDC cookies were planted here.
            if (nonce.isEmpty()) {
                Log.info("Refused a sign-in this browser did not start (no binding cookie for its nonce)");
                throw new AuthenticationCompletionException("sign-in not bound to this browser");
            }
            session = signIn.complete(identity, previous);
        } finally {
            // quarkus-oidc's own session cookie holds the GitLab tokens: drop it now that they are stored, and
            // also when storing them failed (a new sign-in starts over).
            oidcSession.logout().await().indefinitely();
        }
        return Redirects.seeOther(ReturnTo.sanitise(returnTo))
                .cookie(cookies.issue(session, request), cookies.clearSignInBinding(nonce.get(), request)).build();
    }
}
