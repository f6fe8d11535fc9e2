package dev.gitlablink.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.gitlablink.account.AccountQueryService;
import dev.gitlablink.account.UserAccounts;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** The SPA's view of its session: who is signed in, and sign-out. */
@Path("/api")
@Authenticated
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
    public SessionView session() {
        SessionPrincipal principal = principal();
        UserAccounts userAccounts = accounts.userAccounts(principal.userId());
        return new SessionView(userAccounts.user(), userAccounts.accounts(), principal.expiresAt());
    }

    @POST
    @Path("/logout")
    public Response logout(@Context UriInfo uriInfo) {
        sessions.end(principal().sessionIdHash());
        return Response.noContent()
                .cookie(cookies.clear("https".equals(uriInfo.getBaseUri().getScheme())))
                .build();
    }

    private SessionPrincipal principal() {
        return (SessionPrincipal) identity.getPrincipal();
    }
}
