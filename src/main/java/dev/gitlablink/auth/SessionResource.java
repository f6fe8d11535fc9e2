package dev.gitlablink.auth;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gitlablink.account.AccountQueryService;
import dev.gitlablink.account.UserAccounts;
import dev.gitlablink.api.Problem;
import dev.gitlablink.limit.NotRateLimited;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.vertx.core.http.HttpServerRequest;

/** The SPA's view of its session: who is signed in, and sign-out. */
@Path("/api")
@Tag(name = "Session", description = "Who is signed in, and sign-out")
@APIResponse(responseCode = "401", description = "`not_authenticated`: no valid session",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Authenticated
@HttpAuthenticationMechanism(SessionAuthenticationMechanism.SCHEME)
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final AccountQueryService accounts;
    private final SignOut signOut;
    private final SessionCookies cookies;
    private final SecurityIdentity identity;

    public SessionResource(AccountQueryService accounts, SignOut signOut, SessionCookies cookies,
            SecurityIdentity identity) {
        this.accounts = accounts;
        this.signOut = signOut;
        this.cookies = cookies;
        this.identity = identity;
    }

    @GET
    @Path("/session")
    @Operation(summary = "The signed-in user, their linked GitLab accounts and the session's expiry")
    @APIResponse(responseCode = "200", description = "The session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    public SessionView session() {
        SessionPrincipal principal = principal();
        UserAccounts userAccounts = accounts.userAccounts(principal.userId());
        return new SessionView(userAccounts.user(), userAccounts.accounts(), principal.expiresAt());
    }

    @POST
    @Path("/logout")
    @NotRateLimited
    @Operation(summary = "Sign out: deletes the session and clears its cookie",
            description = "When this was the user's last live session, their GitLab grants are revoked (unless"
                    + " `REVOKE_GRANTS_ON_SIGN_OUT=false`); their accounts show `reauth_required` until the next"
                    + " sign-in.")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response logout(@Context HttpServerRequest request) {
        SessionPrincipal principal = principal();
        signOut.endSession(principal.userId(), principal.sessionIdHash());
        return Response.noContent().cookie(cookies.clear(request)).build();
    }

    @POST
    @Path("/sessions/end-all")
    @Operation(summary = "Sign out everywhere: ends every session of the user and revokes their GitLab grants",
            description = "Needs the `X-CSRF: 1` header. With no live session left, the user's GitLab grants are"
                    + " revoked (unless `REVOKE_GRANTS_ON_SIGN_OUT=false`); their accounts show `reauth_required`"
                    + " until the next sign-in.")
    @APIResponse(responseCode = "204", description = "Every session ended; the cookie is cleared")
    @APIResponse(responseCode = "403", description = "`csrf_header_missing`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response endAll(@Context HttpServerRequest request) {
        signOut.endAll(principal().userId());
        return Response.noContent().cookie(cookies.clear(request)).build();
    }

    @DELETE
    @Path("/me")
    @Tag(name = "Session")
    @Operation(summary = "Delete the user: revokes every GitLab grant, deletes the user, their accounts and sessions",
            description = "Needs the `X-CSRF: 1` header. The grants are revoked through the revocation outbox, so"
                    + " a GitLab that cannot be reached right now does not keep them alive.")
    @APIResponse(responseCode = "204", description = "Deleted; the cookie is cleared")
    @APIResponse(responseCode = "403", description = "`csrf_header_missing`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response deleteMe(@Context HttpServerRequest request) {
        signOut.deleteUser(principal().userId());
        return Response.noContent().cookie(cookies.clear(request)).build();
    }

    private SessionPrincipal principal() {
        return (SessionPrincipal) identity.getPrincipal();
    }
}
