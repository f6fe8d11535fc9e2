package dev.gitlablink.link.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gitlablink.api.Problem;
import dev.gitlablink.auth.SessionAuthenticationMechanism;
import dev.gitlablink.auth.SessionPrincipal;
import dev.gitlablink.link.service.LinkIntentService;
import dev.gitlablink.link.service.NewLinkIntent;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;

/** {@code POST /api/links}: the signed-in user asks to link another GitLab account. */
@Path("/api/links")
@Tag(name = "Accounts")
@Authenticated
@HttpAuthenticationMechanism(SessionAuthenticationMechanism.SCHEME)
@Produces(MediaType.APPLICATION_JSON)
public class LinksResource {

    private final LinkIntentService intents;
    private final SecurityIdentity identity;

    public LinksResource(LinkIntentService intents, SecurityIdentity identity) {
        this.intents = intents;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start linking another GitLab account",
            description = "Needs the anti-CSRF header. Answers a one-time URL of this service "
                    + "(`/links/start/{id}`) for the browser to navigate to: it signs in at GitLab and links that "
                    + "GitLab account to the signed-in user, only if GitLab's answer comes back in this same session "
                    + "before the URL expires (`LINK_INTENT_LIFETIME`).")
    @APIResponse(responseCode = "200", description = "The URL to navigate to",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LinkStartView.class)))
    @APIResponse(responseCode = "400",
            description = "`validation_failed`: no such instance (`errors: [{field: instance, message: "
                    + "unknown_instance}]`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LinkStartView start(LinkRequest request) {
        NewLinkIntent intent = intents.create((SessionPrincipal) identity.getPrincipal(),
                request == null ? null : request.instance());
        return new LinkStartView(LinkStartResource.PATH + "/" + intent.id(), intent.expiresAt());
    }
}
