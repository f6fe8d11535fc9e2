package dev.gitlablink.auth;

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
    private final SessionService sessions;
    private final SessionCookies cookies;
    private final SecurityIdentity identity;

    public SessionResource(AccountQueryService accounts, SessionService sessions, SessionCookies cookies,
            SecurityIdentity identity) {
        this.accounts = accounts;
        this.sessions = sessions;
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
    @Operation(summary = "Sign out: deletes the session and clears its cookie")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response logout(@Context HttpServerRequest request) {
        sessions.end(principal().sessionIdHash());
        return Response.noContent().cookie(cookies.clear(request)).build();
    }

    private SessionPrincipal principal() {
        return (SessionPrincipal) identity.getPrincipal();
    }
}
