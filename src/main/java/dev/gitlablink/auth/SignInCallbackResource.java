package dev.gitlablink.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gitlablink.api.Problems;
import io.quarkus.oidc.AuthorizationCodeFlow;
import io.quarkus.security.Authenticated;

/**
 * {@code GET /auth/callback}, where GitLab sends the browser back with a code: quarkus-oidc's code flow, selected by
 * this resource's annotations, checks the state, redeems the code and redirects to the restored {@code /login} (or
 * {@code /links/complete} for a link) before the method is reached. The method only runs for a browser that already
 * finished the code flow and comes
 * back here without a code; {@code /login} turns that into a session.
 */
@Path(SignInCallbackResource.PATH)
@Authenticated
@AuthorizationCodeFlow
@SignInEndpoint
@Tag(name = "Sign-in")
public class SignInCallbackResource {

    /** Must match the path of {@code quarkus.oidc.authentication.redirect-path}. */
    static final String PATH = "/auth/callback";

    @GET
    @Operation(summary = "GitLab's redirect back after sign-in (browser navigation)",
            description = "Redeemed by the code flow, which redirects to the restored `/login`. A refused callback "
                    + "lands a browser on the SPA with `?loginError=login_failed`.")
    @APIResponse(responseCode = "302", description = "To the restored `/login` or `/links/complete` (after the code "
            + "is redeemed)")
    @APIResponse(responseCode = "303", description = "To `/login`, for a browser that is already past the code flow")
    public Response callback() {
        return Redirects.seeOther(Problems.LOGIN_URL).build();
    }
}
