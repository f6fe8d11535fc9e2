package dev.gitlablink.api;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gitlablink.api.view.InstanceView;
import dev.gitlablink.gitlab.GitLabInstances;
import dev.gitlablink.limit.NotRateLimited;

/**
 * {@code GET /api/instances}: the GitLab instances users can sign in with, for the SPA's sign-in page. Public (the
 * page is shown before any session exists), so it reads no cookie and no session: a stale cookie cannot make it
 * fail, and there is no session to rate-limit it by.
 */
@Path("/api/instances")
@Tag(name = "Sign-in")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class InstancesResource {

    private final GitLabInstances instances;

    public InstancesResource(GitLabInstances instances) {
        this.instances = instances;
    }

    @GET
    @NotRateLimited
    @Operation(summary = "The GitLab instances to sign in with (public)",
            description = "The default instance first. `/login?instance=<id>` signs in with one.")
    @APIResponse(responseCode = "200", description = "The instances", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = InstanceView.class)))
    public List<InstanceView> instances() {
        return instances.all().stream().map(InstanceView::of).toList();
    }
}
