package dev.gitlablink.link.rest;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gitlablink.auth.InstanceTenantResolver;
import dev.gitlablink.auth.Redirects;
import dev.gitlablink.auth.SessionCookies;
import dev.gitlablink.link.service.LinkIntentService;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /links/start/{id}}, the URL {@code POST /api/links} answers: once, in the session that asked, it sends the
 * browser into GitLab's code flow for the link; a URL opened anywhere else goes nowhere and costs GitLab nothing.
 */
@Path(LinkStartResource.PATH)
@LinkEndpoint
@Tag(name = "Accounts")
public class LinkStartResource {

    static final String PATH = "/links/start";

    private final LinkIntentService intents;
    private final SessionCookies cookies;

    public LinkStartResource(LinkIntentService intents, SessionCookies cookies) {
        this.intents = intents;
        this.cookies = cookies;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Start a link (browser navigation)",
            description = "Usable once, before it expires, by the session that made it with `POST /api/links`. "
                    + "Redirects to `/links/complete`, which runs GitLab's code flow. A refused start lands a browser "
                    + "on the SPA with `?linkError=<code>`.")
    @APIResponse(responseCode = "303", description = "To `/links/complete` (or, refused, to the SPA's link error)")
    @APIResponse(responseCode = "403", description = "`link_session_mismatch`: not the session that asked")
    @APIResponse(responseCode = "404", description = "`link_intent_not_found`")
    @APIResponse(responseCode = "409", description = "`link_intent_used`: already started")
    @APIResponse(responseCode = "410", description = "`link_intent_expired`")
    public Response start(@Parameter(description = "The link request's id") @PathParam("id") String id,
            @Context HttpServerRequest request) {
        String instance = intents.start(id, cookies.sessionCookie(request));
        // The instance parameter selects the quarkus-oidc tenant (auth/InstanceTenantResolver) of the code flow.
        return Redirects.seeOther(LinkCompleteResource.PATH + "?intent=" + id + "&"
                + InstanceTenantResolver.INSTANCE_PARAM + "=" + instance).build();
    }
}
