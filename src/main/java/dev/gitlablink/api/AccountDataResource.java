package dev.gitlablink.api;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.gitlablink.api.view.GitLabUserView;
import dev.gitlablink.api.view.GroupView;
import dev.gitlablink.api.view.IssueView;
import dev.gitlablink.api.view.ListView;
import dev.gitlablink.api.view.MergeRequestView;
import dev.gitlablink.api.view.PipelineView;
import dev.gitlablink.api.view.ProjectView;
import dev.gitlablink.auth.SessionPrincipal;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * A linked account's GitLab data for the SPA. Runs on virtual threads: each request mostly waits for
 * GitLab, and a platform thread per waiting request would cap throughput at the pool size.
 */
@Path("/api/accounts/{accountId}")
@Tag(name = "GitLab data", description = "A linked account's GitLab data, as the service's own camelCase views")
@Authenticated
@RunOnVirtualThread
@Produces(MediaType.APPLICATION_JSON)
public class AccountDataResource {

    private final GitLabDataService data;
    private final SecurityIdentity identity;

    public AccountDataResource(GitLabDataService data, SecurityIdentity identity) {
        this.data = data;
        this.identity = identity;
    }

    @GET
    @Path("/user")
    public GitLabUserView user(@PathParam("accountId") @AccountId String accountId) {
        return data.user(userId(), accountId);
    }

    @GET
    @Path("/projects")
    public RestResponse<ListView<ProjectView>> projects(
            @PathParam("accountId") @AccountId String accountId,
            @BeanParam @Valid ProjectListParams params, @Context UriInfo uriInfo) {
        return PageLinks.withLinks(data.projects(userId(), accountId, params), uriInfo);
    }

    @GET
    @Path("/projects/{projectId}")
    public ProjectView project(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId) {
        return data.project(userId(), accountId, projectId);
    }

    @GET
    @Path("/groups")
    public RestResponse<ListView<GroupView>> groups(
            @PathParam("accountId") @AccountId String accountId,
            @BeanParam @Valid GroupListParams params, @Context UriInfo uriInfo) {
        return PageLinks.withLinks(data.groups(userId(), accountId, params), uriInfo);
    }

    @GET
    @Path("/issues")
    public RestResponse<ListView<IssueView>> issues(
            @PathParam("accountId") @AccountId String accountId,
            @BeanParam @Valid IssueListParams params, @Context UriInfo uriInfo) {
        return PageLinks.withLinks(data.issues(userId(), accountId, params), uriInfo);
    }

    @GET
    @Path("/merge-requests")
    public RestResponse<ListView<MergeRequestView>> mergeRequests(
            @PathParam("accountId") @AccountId String accountId,
            @BeanParam @Valid MergeRequestListParams params, @Context UriInfo uriInfo) {
        return PageLinks.withLinks(data.mergeRequests(userId(), accountId, params), uriInfo);
    }

    @GET
    @Path("/projects/{projectId}/issues")
    public RestResponse<ListView<IssueView>> projectIssues(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId,
            @BeanParam @Valid IssueListParams params, @Context UriInfo uriInfo) {
        return PageLinks.withLinks(data.projectIssues(userId(), accountId, projectId, params), uriInfo);
    }

    @GET
    @Path("/projects/{projectId}/merge-requests")
    public RestResponse<ListView<MergeRequestView>> projectMergeRequests(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId,
            @BeanParam @Valid MergeRequestListParams params, @Context UriInfo uriInfo) {
        return PageLinks.withLinks(data.projectMergeRequests(userId(), accountId, projectId, params), uriInfo);
    }

    @GET
    @Path("/projects/{projectId}/pipelines")
    public RestResponse<ListView<PipelineView>> projectPipelines(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId,
            @BeanParam @Valid PipelineListParams params, @Context UriInfo uriInfo) {
        return PageLinks.withLinks(data.projectPipelines(userId(), accountId, projectId, params), uriInfo);
    }

    private UUID userId() {
        return ((SessionPrincipal) identity.getPrincipal()).userId();
    }
}
