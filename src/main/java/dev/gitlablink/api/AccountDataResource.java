package dev.gitlablink.api;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gitlablink.api.view.GitLabUserView;
import dev.gitlablink.api.view.GroupView;
import dev.gitlablink.api.view.IssueView;
import dev.gitlablink.api.view.ListView;
import dev.gitlablink.api.view.MergeRequestView;
import dev.gitlablink.api.view.PipelineView;
import dev.gitlablink.api.view.ProjectView;
import dev.gitlablink.auth.SessionAuthenticationMechanism;
import dev.gitlablink.auth.SessionPrincipal;
import dev.gitlablink.token.AccountUnlinking;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * A linked account's GitLab data for the SPA, and unlinking it. The reads are non-blocking: each request
 * mostly waits for GitLab, and it does so holding no thread at all (not even a virtual one, whose parked stack
 * the GC would copy).
 */
@Path("/api/accounts/{accountId}")
@Tag(name = "GitLab data", description = "A linked account's GitLab data, as the service's own camelCase views")
@Authenticated
@HttpAuthenticationMechanism(SessionAuthenticationMechanism.SCHEME)
@Produces(MediaType.APPLICATION_JSON)
public class AccountDataResource {

    private final GitLabDataService data;
    private final AccountUnlinking unlinking;
    private final SecurityIdentity identity;

    public AccountDataResource(GitLabDataService data, AccountUnlinking unlinking, SecurityIdentity identity) {
        this.data = data;
        this.unlinking = unlinking;
        this.identity = identity;
    }

    @GET
    @Path("/user")
    public Uni<GitLabUserView> user(@PathParam("accountId") @AccountId String accountId) {
        return data.user(caller(), accountId);
    }

    @GET
    @Path("/projects")
    public Uni<ListView<ProjectView>> projects(
            @PathParam("accountId") @AccountId String accountId,
            @BeanParam @Valid ProjectListParams params, @Context HttpServerRequest request) {
        return data.projects(caller(), accountId, params).invoke(list -> PageLinks.addTo(request, list.page()));
    }

    @GET
    @Path("/projects/{projectId}")
    public Uni<ProjectView> project(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId) {
        return data.project(caller(), accountId, projectId);
    }

    @GET
    @Path("/groups")
    public Uni<ListView<GroupView>> groups(
            @PathParam("accountId") @AccountId String accountId,
            @BeanParam @Valid GroupListParams params, @Context HttpServerRequest request) {
        return data.groups(caller(), accountId, params).invoke(list -> PageLinks.addTo(request, list.page()));
    }

    @GET
    @Path("/issues")
    public Uni<ListView<IssueView>> issues(
            @PathParam("accountId") @AccountId String accountId,
            @BeanParam @Valid IssueListParams params, @Context HttpServerRequest request) {
        return data.issues(caller(), accountId, params).invoke(list -> PageLinks.addTo(request, list.page()));
    }

    @GET
    @Path("/merge-requests")
    public Uni<ListView<MergeRequestView>> mergeRequests(
            @PathParam("accountId") @AccountId String accountId,
            @BeanParam @Valid MergeRequestListParams params, @Context HttpServerRequest request) {
        return data.mergeRequests(caller(), accountId, params).invoke(list -> PageLinks.addTo(request, list.page()));
    }

    @GET
    @Path("/projects/{projectId}/issues")
    public Uni<ListView<IssueView>> projectIssues(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId,
            @BeanParam @Valid IssueListParams params, @Context HttpServerRequest request) {
        return data.projectIssues(caller(), accountId, projectId, params)
                .invoke(list -> PageLinks.addTo(request, list.page()));
    }

    @GET
    @Path("/projects/{projectId}/merge-requests")
    public Uni<ListView<MergeRequestView>> projectMergeRequests(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId,
            @BeanParam @Valid MergeRequestListParams params, @Context HttpServerRequest request) {
        return data.projectMergeRequests(caller(), accountId, projectId, params)
                .invoke(list -> PageLinks.addTo(request, list.page()));
    }

    @GET
    @Path("/projects/{projectId}/pipelines")
    public Uni<ListView<PipelineView>> projectPipelines(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId,
            @BeanParam @Valid PipelineListParams params, @Context HttpServerRequest request) {
        return data.projectPipelines(caller(), accountId, projectId, params)
                .invoke(list -> PageLinks.addTo(request, list.page()));
    }

    @DELETE
    @RunOnVirtualThread
    @Tag(name = "Accounts", description = "Unlinking a GitLab account")
    @Operation(summary = "Unlink the account: revoke its grant at GitLab, then delete the link and its tokens")
    @APIResponse(responseCode = "204", description = "Unlinked. GitLab no longer accepts its tokens, or, when GitLab"
            + " could not be reached, the revocation outbox revokes them as soon as it can. An account whose tokens"
            + " cannot be decrypted is unlinked without a revocation.")
    @APIResponse(responseCode = "404", description = "`account_not_found`: not one of the caller's accounts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void unlink(@PathParam("accountId") @AccountId String accountId) {
        // Blocking (a row lock, GitLab's revocation, a delete), so on a virtual thread; rare next to reads.
        unlinking.unlink(userId(), UUID.fromString(accountId));
    }

    private SessionPrincipal caller() {
        return (SessionPrincipal) identity.getPrincipal();
    }

    private UUID userId() {
        return caller().userId();
    }
}
