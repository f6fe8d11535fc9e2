package dev.gitlablink.link.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gitlablink.api.Problem;
import dev.gitlablink.auth.SessionAuthenticationMechanism;
import dev.gitlablink.auth.SessionPrincipal;
import dev.gitlablink.link.service.DeviceLinkService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;

/** {@code /api/links/device}: the signed-in user links another GitLab account by entering a code at GitLab. */
@Path("/api/links/device")
@Tag(name = "Accounts")
@Authenticated
@HttpAuthenticationMechanism(SessionAuthenticationMechanism.SCHEME)
@Produces(MediaType.APPLICATION_JSON)
public class DeviceLinksResource {

    private final DeviceLinkService links;
    private final SecurityIdentity identity;

    public DeviceLinksResource(DeviceLinkService links, SecurityIdentity identity) {
        this.links = links;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start linking another GitLab account with a code",
            description = "Needs the anti-CSRF header. Starts GitLab's device authorization grant: the user enters "
                    + "`userCode` at `verificationUri` (on any device) and approves. The service polls GitLab and links "
                    + "the approved GitLab account to the signed-in user; `GET /api/links/device/{id}` tells how it "
                    + "ended.")
    @APIResponse(responseCode = "200", description = "The code and where to enter it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeviceLinkView.class)))
    @APIResponse(responseCode = "400",
            description = "`validation_failed`: no such instance (`errors: [{field: instance, message: "
                    + "unknown_instance}]`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "GitLab refused or failed the device authorization request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeviceLinkView start(LinkRequest request) {
        return DeviceLinkView.of(links.start(principal(), request == null ? null : request.instance()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "How a device link stands",
            description = "Only for the user who started it. `pending` until the user approves or denies at GitLab "
                    + "or the code expires; `refused` when that GitLab account is linked to another user (its new "
                    + "tokens are revoked).")
    @APIResponse(responseCode = "200", description = "The status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeviceLinkStatusView.class)))
    @APIResponse(responseCode = "403", description = "`access_denied_by_policy`: the GitLab instance's access policy "
            + "does not allow that GitLab account; nothing was linked and its new tokens were revoked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "`link_intent_not_found`: no such device link of this user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeviceLinkStatusView status(@Parameter(description = "The device link's id") @PathParam("id") String id) {
        return DeviceLinkStatusView.of(links.status(principal(), id));
    }

    private SessionPrincipal principal() {
        return (SessionPrincipal) identity.getPrincipal();
    }
}
