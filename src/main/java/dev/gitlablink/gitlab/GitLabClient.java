package dev.gitlablink.gitlab;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.resteasy.reactive.RestResponse;

import dev.gitlablink.gitlab.model.GitLabGroup;
import dev.gitlablink.gitlab.model.GitLabIssue;
import dev.gitlablink.gitlab.model.GitLabMergeRequest;
import dev.gitlablink.gitlab.model.GitLabNote;
import dev.gitlablink.gitlab.model.GitLabPipeline;
import dev.gitlablink.gitlab.model.GitLabProject;
import dev.gitlablink.gitlab.model.GitLabUser;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * GitLab REST API v4 for one linked account at a time: adds the account's bearer token, retries a 401
 * once with a renewed token, retries failed reads and breaks the circuit per instance, reads the
 * pagination headers, and turns every GitLab failure into a {@link GitLabException}. Non-blocking: the
 * answers arrive as {@link Uni}s, and no thread waits for GitLab.
 */
@ApplicationScoped
public class GitLabClient {

    private final GitLabRestClients clients;
    private final GitLabGuards guards;

    public GitLabClient(GitLabRestClients clients, GitLabGuards guards) {
        this.clients = clients;
        this.guards = guards;
    }

    /** The account's GitLab user. GitLab endpoint: GET /user */
    public Uni<GitLabUser> currentUser(AccessTokenSource tokens) {
        return get(tokens, "user", GitLabApiRestClient::currentUser);
    }

    /** Projects visible to the account. GitLab endpoint: GET /projects */
    public Uni<GitLabPage<GitLabProject>> projects(AccessTokenSource tokens, ProjectQuery query) {
        PageRequest page = query.page();
        return get(tokens, "projects", (client, auth) -> client.projects(auth, query.membership(),
                query.search(), page.keyset() ? "id" : query.orderBy(), query.sort(), query.archived(),
                query.minAccessLevel(), query.simple(), page.page(), page.perPage(),
                page.keyset() ? "keyset" : null, page.idAfter(), null)).map(GitLabClient::page);
    }

    /** One project by numeric id or full path. GitLab endpoint: GET /projects/:id */
    public Uni<GitLabProject> project(AccessTokenSource tokens, String idOrPath) {
        return followingMove(idOrPath, id -> get(tokens, "project", (client, auth) -> client.project(auth,
                encodeId(id))));
    }

    /** Groups the account belongs to. GitLab endpoint: GET /groups */
    public Uni<GitLabPage<GitLabGroup>> groups(AccessTokenSource tokens, GroupQuery query) {
        return get(tokens, "groups", (client, auth) -> client.groups(auth, query.search(), query.orderBy(),
                query.sort(), query.minAccessLevel(), query.page().page(), query.page().perPage())).map(GitLabClient::page);
    }

    /** Issues across projects. GitLab endpoint: GET /issues */
    public Uni<GitLabPage<GitLabIssue>> issues(AccessTokenSource tokens, WorkItemQuery query) {
        return get(tokens, "issues", (client, auth) -> client.issues(auth, query.scope(), query.state(),
                query.search(), query.orderBy(), query.sort(), query.page().page(), query.page().perPage())).map(GitLabClient::page);
    }

    /** Merge requests across projects. GitLab endpoint: GET /merge_requests */
    public Uni<GitLabPage<GitLabMergeRequest>> mergeRequests(AccessTokenSource tokens, WorkItemQuery query) {
        return get(tokens, "merge requests", (client, auth) -> client.mergeRequests(auth, query.scope(),
                query.state(), query.search(), query.orderBy(), query.sort(), query.page().page(),
                query.page().perPage())).map(GitLabClient::page);
    }

    /** A project's issues. GitLab endpoint: GET /projects/:id/issues */
    public Uni<GitLabPage<GitLabIssue>> projectIssues(AccessTokenSource tokens, String idOrPath, WorkItemQuery query) {
        return followingMove(idOrPath, id -> get(tokens, "project issues", (client, auth) -> client.projectIssues(
                auth, encodeId(id), query.state(), query.search(), query.orderBy(), query.sort(), query.page().page(),
                query.page().perPage()))).map(GitLabClient::page);
    }

    /** A project's merge requests. GitLab endpoint: GET /projects/:id/merge_requests */
    public Uni<GitLabPage<GitLabMergeRequest>> projectMergeRequests(AccessTokenSource tokens, String idOrPath,
            WorkItemQuery query) {
        return followingMove(idOrPath, id -> get(tokens, "project merge requests", (client, auth) ->
                client.projectMergeRequests(auth, encodeId(id), query.state(), query.search(), query.orderBy(),
                        query.sort(), query.page().page(), query.page().perPage()))).map(GitLabClient::page);
    }

    /** A project's pipelines. GitLab endpoint: GET /projects/:id/pipelines */
    public Uni<GitLabPage<GitLabPipeline>> projectPipelines(AccessTokenSource tokens, String idOrPath,
            PipelineQuery query) {
        return followingMove(idOrPath, id -> get(tokens, "project pipelines", (client, auth) ->
                client.projectPipelines(auth, encodeId(id), query.status(), query.ref(), query.orderBy(),
                        query.sort(), query.page().page(), query.page().perPage()))).map(GitLabClient::page);
    }

    /** One issue of a project. GitLab endpoint: GET /projects/:id/issues/:issue_iid */
    public Uni<GitLabIssue> projectIssue(AccessTokenSource tokens, String idOrPath, long iid) {
        return followingMove(idOrPath, id -> get(tokens, "project issue", (client, auth) ->
                client.projectIssue(auth, encodeId(id), iid)));
    }

    /** One merge request of a project. GitLab endpoint: GET /projects/:id/merge_requests/:merge_request_iid */
    public Uni<GitLabMergeRequest> projectMergeRequest(AccessTokenSource tokens, String idOrPath, long iid) {
        return followingMove(idOrPath, id -> get(tokens, "project merge request", (client, auth) ->
                client.projectMergeRequest(auth, encodeId(id), iid)));
    }

    /**
     * Creates an issue; sent once (see {@link #write}). GitLab endpoint: POST /projects/:id/issues
     */
    public Uni<GitLabIssue> createIssue(AccessTokenSource tokens, String idOrPath, GitLabNewIssue issue) {
        return write(tokens, "issue creation", (client, auth) -> client.createIssue(auth, encodeId(idOrPath), issue));
    }

    /**
     * Comments on an issue; sent once (see {@link #write}). GitLab endpoint: POST /projects/:id/issues/:issue_iid/notes
     */
    public Uni<GitLabNoteResult> createIssueNote(AccessTokenSource tokens, String idOrPath, long iid, String body) {
        return write(tokens, "issue comment", (client, auth) -> client.createIssueNote(auth, encodeId(idOrPath), iid,
                new GitLabNewNote(body))).map(GitLabClient::noteResult);
    }

    /**
     * Comments on a merge request; sent once (see {@link #write}).
     * GitLab endpoint: POST /projects/:id/merge_requests/:merge_request_iid/notes
     */
    public Uni<GitLabNoteResult> createMergeRequestNote(AccessTokenSource tokens, String idOrPath, long iid,
            String body) {
        return write(tokens, "merge request comment", (client, auth) -> client.createMergeRequestNote(auth,
                encodeId(idOrPath), iid, new GitLabNewNote(body))).map(GitLabClient::noteResult);
    }

    private static GitLabNoteResult noteResult(RestResponse<GitLabNote> response) {
        // 202: the comment held only quick actions; they ran and GitLab kept no note.
        return response.getStatus() == 202 ? new GitLabNoteResult(null, true)
                : new GitLabNoteResult(response.getEntity(), false);
    }

    private <T> Uni<T> get(AccessTokenSource tokens, String what,
            BiFunction<GitLabApiRestClient, String, Uni<T>> request) {
        return call(tokens, what, request, false);
    }

    /**
     * A call that changes GitLab: never retried once it may have reached GitLab (a 5xx or a timeout may come after
     * GitLab acted), so the guard's retries are bypassed; its circuit breaker still applies. The one exception is
     * GitLab's 401, refused before anything was done: asked again once with a renewed token.
     */
    private <T> Uni<T> write(AccessTokenSource tokens, String what,
            BiFunction<GitLabApiRestClient, String, Uni<T>> request) {
        return call(tokens, what, request, true);
    }

    private <T> Uni<T> call(AccessTokenSource tokens, String what,
            BiFunction<GitLabApiRestClient, String, Uni<T>> request, boolean once) {
        GitLabApiRestClient client = clients.api(tokens.instanceUrl());
        Guard guard = guards.forInstance(tokens.instanceUrl());
        return tokens.accessToken().chain(token -> guarded(guard, tokens.instanceUrl(), what,
                () -> request.apply(client, bearer(token)), once)
                .onFailure(GitLabTokenRejectedException.class).recoverWithUni(rejected ->
                        tokens.renewAfterRejection(token).chain(renewed -> guarded(guard, tokens.instanceUrl(), what,
                                () -> request.apply(client, bearer(renewed)), once))));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Uni<T> guarded(Guard guard, String instanceUrl, String what, Supplier<Uni<T>> call,
            boolean once) {
        Supplier<Uni> attempt = once
                ? () -> normalised(what, call).onFailure().transform(WriteNotRetried::new)
                : () -> normalised(what, call);
        Uni<T> guardedCall = (Uni<T>) guard.get(attempt, Uni.class);
        return guardedCall.onFailure(WriteNotRetried.class).transform(write -> ((WriteNotRetried) write).failure())
                .onFailure(CircuitBreakerOpenException.class)
                .transform(open -> new GitLabCircuitOpenException(instanceUrl, (CircuitBreakerOpenException) open));
    }

    private static <T> Uni<T> normalised(String what, Supplier<Uni<T>> call) {
        return Uni.createFrom().<T>deferred(call::get).onFailure(GitLabErrors::isTransportFailure).transform(failure ->
                failure instanceof ProcessingException && failure.getCause() instanceof GitLabException gitLab ? gitLab
                        : GitLabErrors.transportFailure(what, failure));
    }

    private static <T> GitLabPage<T> page(RestResponse<List<T>> response) {
        List<T> items = response.getEntity() == null ? List.of() : response.getEntity();
        return PaginationHeaders.page(items, response::getHeaderString);
    }

    /**
     * A call on one project, asked again by the project's id when GitLab redirects its old path (a renamed or
     * transferred project); by id it cannot be moved, so this happens at most once.
     */
    private static <T> Uni<T> followingMove(String idOrPath, Function<String, Uni<T>> call) {
        return call.apply(idOrPath).onFailure(GitLabProjectMovedException.class).recoverWithUni(moved ->
                call.apply(String.valueOf(((GitLabProjectMovedException) moved).projectId())));
    }

    /** GitLab wants a project path URL-encoded as one segment ({@code group%2Fproject}). */
    static String encodeId(String idOrPath) {
        return URLEncoder.encode(idOrPath, StandardCharsets.UTF_8);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}
