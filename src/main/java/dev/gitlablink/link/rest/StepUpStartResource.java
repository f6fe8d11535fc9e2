package dev.gitlablink.link.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gitlablink.auth.InstanceTenantResolver;
import dev.gitlablink.auth.Redirects;
import dev.gitlablink.auth.ReturnTo;
import dev.gitlablink.auth.SessionCookies;
import dev.gitlablink.link.service.LinkIntentService;
import dev.gitlablink.link.service.StepUpService;
import dev.gitlablink.link.service.StepUpStart;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /stepup/start/{id}}, the {@code stepUpUrl} of a {@code gitlab_insufficient_scope} problem: once, in the
 * session it was offered to, it sends the browser into GitLab's code flow asking for the wider scopes.
 */
@Path(StepUpService.START_PATH)
@LinkEndpoint
@Tag(name = "Accounts")
public class StepUpStartResource {

    private final LinkIntentService intents;
    private final SessionCookies cookies;

    public StepUpStartResource(LinkIntentService intents, SessionCookies cookies) {
        this.intents = intents;
        this.cookies = cookies;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Start a scope step-up (browser navigation)",
            description = "The `stepUpUrl` of a `gitlab_insufficient_scope` problem: usable once, before it expires "
                    + "(`LINK_INTENT_LIFETIME`), by the session it was offered to. Redirects to `/stepup/complete`, "
                    + "which runs GitLab's code flow asking for the account's scopes plus the missing ones. A refused "
                    + "start lands a browser on the SPA with `?linkError=<code>`.")
    @APIResponse(responseCode = "303", description = "To `/stepup/complete` (or, refused, to the SPA's link error)")
    @APIResponse(responseCode = "403", description = "`link_session_mismatch`: not the session it was offered to")
    @APIResponse(responseCode = "404", description = "`link_intent_not_found`")
    @APIResponse(responseCode = "409", description = "`link_intent_used`: already started")
    @APIResponse(responseCode = "410", description = "`link_intent_expired`")
    public Response start(@Parameter(description = "The step-up's id") @PathParam("id") String id,
            @Parameter(description = "Where the browser returns afterwards: a path of this site (default `/`)")
            @QueryParam("returnTo") String returnTo,
            @Context HttpServerRequest request) {
        StepUpStart stepUp = intents.startStepUp(id, cookies.sessionCookie(request));
        // The step-up parameter selects the instance's step-up tenant, and scope its scopes
        // (auth/InstanceTenantResolver); quarkus-oidc restores this URL, returnTo included, after its callback.
        return Redirects.seeOther(StepUpCompleteResource.PATH + "?intent=" + id
                + "&" + InstanceTenantResolver.STEP_UP_PARAM + "=" + stepUp.instance()
                + "&" + InstanceTenantResolver.SCOPE_PARAM + "=" + encode(stepUp.scopes())
                + "&returnTo=" + encode(ReturnTo.sanitise(returnTo))).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
