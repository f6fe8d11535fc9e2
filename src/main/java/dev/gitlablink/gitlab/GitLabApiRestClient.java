package dev.gitlablink.gitlab;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import dev.gitlablink.gitlab.model.GitLabGroup;
import dev.gitlablink.gitlab.model.GitLabIssue;
import dev.gitlablink.gitlab.model.GitLabMergeRequest;
import dev.gitlablink.gitlab.model.GitLabNote;
import dev.gitlablink.gitlab.model.GitLabPipeline;
import dev.gitlablink.gitlab.model.GitLabProject;
import dev.gitlablink.gitlab.model.GitLabUser;
import io.smallrye.mutiny.Uni;

/**
 * GitLab REST API v4 as a typed MicroProfile REST client, rooted at {@code <instance>/api/v4}. Every call is
 * non-blocking ({@link Uni}): a request waiting for GitLab holds no thread. Lists return {@link RestResponse}
 * so the facade can read the pagination headers. Null query parameters are
 * left out. Built per instance by {@link GitLabRestClients}; only {@link GitLabClient} uses it.
 */
@Produces(MediaType.APPLICATION_JSON)
interface GitLabApiRestClient {

    /**
     * The token's user.
     *
     * GitLab endpoint: GET /user
     */
    @GET
    @Path("/user")
    Uni<GitLabUser> currentUser(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    /**
     * Projects visible to the user, offset- or keyset-paginated.
     *
     * GitLab endpoint: GET /projects
     */
    @GET
    @Path("/projects")
    Uni<RestResponse<List<GitLabProject>>> projects(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("membership") Boolean membership, @QueryParam("search") String search,
            @QueryParam("order_by") String orderBy, @QueryParam("sort") String sort,
            @QueryParam("archived") Boolean archived, @QueryParam("min_access_level") Integer minAccessLevel,
            @QueryParam("simple") Boolean simple, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage, @QueryParam("pagination") String pagination,
            @QueryParam("id_after") Long idAfter, @QueryParam("id_before") Long idBefore);

    /**
     * One project by numeric id or URL-encoded full path ({@code group%2Fproject}).
     *
     * GitLab endpoint: GET /projects/:id
     */
    @GET
    @Path("/projects/{id}")
    Uni<GitLabProject> project(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") @Encoded String encodedId);

    /**
     * Groups the user is a member of.
     *
     * GitLab endpoint: GET /groups
     */
    @GET
    @Path("/groups")
    Uni<RestResponse<List<GitLabGroup>>> groups(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("search") String search, @QueryParam("order_by") String orderBy,
            @QueryParam("sort") String sort, @QueryParam("min_access_level") Integer minAccessLevel,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage);

    /**
     * Issues across projects, by {@code scope} (created_by_me, assigned_to_me, all) and {@code state}.
     *
     * GitLab endpoint: GET /issues
     */
    @GET
    @Path("/issues")
    Uni<RestResponse<List<GitLabIssue>>> issues(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("scope") String scope, @QueryParam("state") String state, @QueryParam("search") String search,
            @QueryParam("order_by") String orderBy, @QueryParam("sort") String sort, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage);

    /**
     * Merge requests across projects, by {@code scope} (created_by_me, assigned_to_me, reviews_for_me, all)
     * and {@code state}.
     *
     * GitLab endpoint: GET /merge_requests
     */
    @GET
    @Path("/merge_requests")
    Uni<RestResponse<List<GitLabMergeRequest>>> mergeRequests(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("scope") String scope,
            @QueryParam("state") String state, @QueryParam("search") String search,
            @QueryParam("order_by") String orderBy, @QueryParam("sort") String sort, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage);

    /**
     * A project's issues.
     *
     * GitLab endpoint: GET /projects/:id/issues
     */
    @GET
    @Path("/projects/{id}/issues")
    Uni<RestResponse<List<GitLabIssue>>> projectIssues(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") @Encoded String encodedId, @QueryParam("state") String state,
            @QueryParam("search") String search, @QueryParam("order_by") String orderBy,
            @QueryParam("sort") String sort, @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage);

    /**
     * A project's merge requests.
     *
     * GitLab endpoint: GET /projects/:id/merge_requests
     */
    @GET
    @Path("/projects/{id}/merge_requests")
    Uni<RestResponse<List<GitLabMergeRequest>>> projectMergeRequests(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") @Encoded String encodedId,
            @QueryParam("state") String state, @QueryParam("search") String search,
            @QueryParam("order_by") String orderBy, @QueryParam("sort") String sort, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage);

    /**
     * A project's pipelines.
     *
     * GitLab endpoint: GET /projects/:id/pipelines
     */
    @GET
    @Path("/projects/{id}/pipelines")
    Uni<RestResponse<List<GitLabPipeline>>> projectPipelines(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") @Encoded String encodedId, @QueryParam("status") String status,
            @QueryParam("ref") String ref, @QueryParam("order_by") String orderBy, @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage);

    /**
     * One issue of a project, by its iid.
     *
     * GitLab endpoint: GET /projects/:id/issues/:issue_iid
     */
    @GET
    @Path("/projects/{id}/issues/{iid}")
    Uni<GitLabIssue> projectIssue(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") @Encoded String encodedId, @PathParam("iid") long iid);

    /**
     * One merge request of a project, by its iid.
     *
     * GitLab endpoint: GET /projects/:id/merge_requests/:merge_request_iid
     */
    @GET
    @Path("/projects/{id}/merge_requests/{iid}")
    Uni<GitLabMergeRequest> projectMergeRequest(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") @Encoded String encodedId, @PathParam("iid") long iid);

    /**
     * Creates an issue (201 with the issue). Needs the {@code api} scope.
     *
     * GitLab endpoint: POST /projects/:id/issues
     */
    @POST
    @Path("/projects/{id}/issues")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<GitLabIssue> createIssue(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") @Encoded String encodedId, GitLabNewIssue issue);

    /**
     * Comments on an issue: 201 with the note, or 202 without one when the comment held only quick actions.
     *
     * GitLab endpoint: POST /projects/:id/issues/:issue_iid/notes
     */
    @POST
    @Path("/projects/{id}/issues/{iid}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<GitLabNote>> createIssueNote(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") @Encoded String encodedId, @PathParam("iid") long iid, GitLabNewNote note);

    /**
     * Comments on a merge request: 201 with the note, or 202 without one when the comment held only quick actions.
     *
     * GitLab endpoint: POST /projects/:id/merge_requests/:merge_request_iid/notes
     */
    @POST
    @Path("/projects/{id}/merge_requests/{iid}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<GitLabNote>> createMergeRequestNote(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") @Encoded String encodedId,
            @PathParam("iid") long iid, GitLabNewNote note);
}
