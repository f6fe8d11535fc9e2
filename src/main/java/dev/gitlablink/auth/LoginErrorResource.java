package dev.gitlablink.auth;


import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.logging.Log;

/**
 * {@code GET /auth/error}: where quarkus-oidc sends the browser when GitLab answers the sign-in with an
 * error (the user denied access, a bad scope, ...) instead of a code. It lands the browser on the SPA,
 * which explains the error; GitLab's free-text description is not passed on.
 */
@Path(LoginErrorResource.PATH)
@Tag(name = "Sign-in")
public class LoginErrorResource {

    /** Must match {@code quarkus.oidc.authentication.error-path}. */
    static final String PATH = "/auth/error";

    @GET
    @Operation(summary = "Sign-in error landing",
            description = "Browser navigation only: GitLab refused the sign-in; redirects to the SPA with "
                    + "`?loginError=<code>`.")
    @APIResponse(responseCode = "303", description = "Redirect to the SPA's signed-out state with the error")
    public Response loginError(
            @Parameter(description = "OAuth error code from GitLab, e.g. access_denied") @QueryParam("error")
            String error) {
        String code = LoginErrors.normalise(error);
        Log.infof("Sign-in failed at GitLab: %s", code);
        return Redirects.seeOther(LoginErrors.spaUrl(code)).build();
    }
}
