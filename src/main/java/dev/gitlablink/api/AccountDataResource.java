package dev.gitlablink.api;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.gitlablink.api.view.GitLabUserView;
import dev.gitlablink.api.view.GroupView;
import dev.gitlablink.api.view.IssueView;
import dev.gitlablink.api.view.ListView;
import dev.gitlablink.api.view.MergeRequestView;
import dev.gitlablink.api.view.NoteView;
import dev.gitlablink.api.view.PipelineView;
import dev.gitlablink.api.view.ProjectView;
import dev.gitlablink.api.view.QuickActionsView;
import dev.gitlablink.auth.SessionAuthenticationMechanism;
import dev.gitlablink.auth.SessionPrincipal;
import dev.gitlablink.token.AccountUnlinking;
import io.quarkus.runtime.annotations.RegisterForReflection;
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
// RequiredScopesFilter reads @RequiresScopes off the resource method; a native image keeps it for reflection.
@RegisterForReflection(fields = false)
@Tag(name = "GitLab data", description = "A linked account's GitLab data, as the service's own camelCase views")
@Authenticated
@HttpAuthenticationMechanism(SessionAuthenticationMechanism.SCHEME)
@Produces(MediaType.APPLICATION_JSON)
public class AccountDataResource {

    /** The header a client sends so that a retried write answers the first result instead of writing twice. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String IID = "[1-9][0-9]{0,17}";
    private static final String IID_MESSAGE = "must be a whole number from 1";

    private final GitLabDataService data;
    private final GitLabWriteService writes;
    private final AccountUnlinking unlinking;
    private final SecurityIdentity identity;

    public AccountDataResource(GitLabDataService data, GitLabWriteService writes, AccountUnlinking unlinking,
            SecurityIdentity identity) {
        this.data = data;
        this.writes = writes;
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
    @Path("/projects/{projectId}/issues/{iid}")
    @Operation(summary = "One issue of a project, by its iid (where a new issue's Location points)")
    public Uni<IssueView> projectIssue(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId,
            @PathParam("iid") @Pattern(regexp = IID, message = IID_MESSAGE) String iid) {
        return data.projectIssue(caller(), accountId, projectId, Long.parseLong(iid));
    }

    @GET
    @Path("/projects/{projectId}/merge-requests/{iid}")
    @Operation(summary = "One merge request of a project, by its iid")
    public Uni<MergeRequestView> projectMergeRequest(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId,
            @PathParam("iid") @Pattern(regexp = IID, message = IID_MESSAGE) String iid) {
        return data.projectMergeRequest(caller(), accountId, projectId, Long.parseLong(iid));
    }

    @POST
    @Path("/projects/{projectId}/issues")
    @RunOnVirtualThread
    @RequiresScopes("api")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Writes to GitLab", description = "Issues and comments made on the user's behalf (GitLab scope api)")
    @Operation(summary = "Create an issue in the project, as the account's GitLab user")
    @APIResponse(responseCode = "201", description = "Created: the issue, and its URL in this API as Location",
            content = @Content(schema = @Schema(implementation = IssueView.class)))
    @APIResponse(responseCode = "400", description = "`validation_failed`: a bad field (nothing sent to GitLab), or"
            + " GitLab refused the content; `errors` names the fields", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "`gitlab_insufficient_scope` (the account was not granted `api`;"
            + " GitLab was not called), `gitlab_forbidden`, `csrf_header_missing`", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "`idempotency_key_in_flight`: the first request with this"
            + " Idempotency-Key has not answered yet", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "`idempotency_key_reused`: the key was used for another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createIssue(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId,
            @Parameter(description = "Any 1..64 letters, digits, - or _ (a UUID): a retry with the same key and body"
                    + " within 24 h answers the first result") @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            NewIssueRequest request) {
        return answer(writes.createIssue(caller(), accountId, projectId, request, idempotencyKey));
    }

    @POST
    @Path("/projects/{projectId}/issues/{iid}/notes")
    @RunOnVirtualThread
    @RequiresScopes("api")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Writes to GitLab")
    @Operation(summary = "Comment on an issue, as the account's GitLab user")
    @APIResponse(responseCode = "201", description = "Created: the comment; Location is its issue's URL in this API"
            + " with #note_<id>", content = @Content(schema = @Schema(implementation = NoteView.class)))
    @APIResponse(responseCode = "202", description = "The comment held only quick actions (allowQuickActions):"
            + " GitLab ran them and kept no comment", content = @Content(schema = @Schema(
            implementation = QuickActionsView.class)))
    public Response commentOnIssue(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId,
            @PathParam("iid") @Pattern(regexp = IID, message = IID_MESSAGE) String iid,
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, NewNoteRequest request) {
        return answer(writes.commentOnIssue(caller(), accountId, projectId, Long.parseLong(iid), request,
                idempotencyKey));
    }

    @POST
    @Path("/projects/{projectId}/merge-requests/{iid}/notes")
    @RunOnVirtualThread
    @RequiresScopes("api")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Writes to GitLab")
    @Operation(summary = "Comment on a merge request, as the account's GitLab user")
    @APIResponse(responseCode = "201", description = "Created: the comment; Location is its merge request's URL in"
            + " this API with #note_<id>", content = @Content(schema = @Schema(implementation = NoteView.class)))
    @APIResponse(responseCode = "202", description = "The comment held only quick actions (allowQuickActions):"
            + " GitLab ran them and kept no comment", content = @Content(schema = @Schema(
            implementation = QuickActionsView.class)))
    public Response commentOnMergeRequest(
            @PathParam("accountId") @AccountId String accountId,
            @PathParam("projectId") @ProjectId String projectId,
            @PathParam("iid") @Pattern(regexp = IID, message = IID_MESSAGE) String iid,
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, NewNoteRequest request) {
        return answer(writes.commentOnMergeRequest(caller(), accountId, projectId, Long.parseLong(iid), request,
                idempotencyKey));
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

    /** The write's answer as sent the first time: status, the same JSON bytes, and its Location. */
    private static Response answer(WriteAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).type(MediaType.APPLICATION_JSON)
                .entity(answer.body());
        if (answer.location() != null) {
            response.header(HttpHeaders.LOCATION, answer.location());
        }
        return response.build();
    }

    private SessionPrincipal caller() {
        return (SessionPrincipal) identity.getPrincipal();
    }

    private UUID userId() {
        return caller().userId();
    }
}
