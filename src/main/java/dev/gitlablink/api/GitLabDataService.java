package dev.gitlablink.api;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.api.view.GitLabUserView;
import dev.gitlablink.api.view.GroupView;
import dev.gitlablink.api.view.IssueView;
import dev.gitlablink.api.view.ListView;
import dev.gitlablink.api.view.MergeRequestView;
import dev.gitlablink.api.view.PageView;
import dev.gitlablink.api.view.PipelineView;
import dev.gitlablink.api.view.ProjectView;
import dev.gitlablink.auth.SessionPrincipal;
import dev.gitlablink.gitlab.AccessTokenSource;
import dev.gitlablink.gitlab.GitLabClient;
import dev.gitlablink.gitlab.GitLabInsufficientScopeException;
import dev.gitlablink.gitlab.GitLabPage;
import dev.gitlablink.gitlab.GroupQuery;
import dev.gitlablink.gitlab.PageRequest;
import dev.gitlablink.gitlab.PipelineQuery;
import dev.gitlablink.gitlab.ProjectQuery;
import dev.gitlablink.gitlab.WorkItemQuery;
import dev.gitlablink.limit.Limits;
import dev.gitlablink.token.TokenService;
import io.smallrye.mutiny.Uni;

/**
 * The SPA's GitLab data: checks the account is the caller's, lets {@link GitLabClient} fetch with the
 * account's token, and maps GitLab's payloads to our views. Each request runs in its session's bulkhead, so one
 * session cannot hold all of the instance's GitLab calls.
 */
@ApplicationScoped
public class GitLabDataService {

    private final TokenService tokens;
    private final GitLabClient gitLab;
    private final Limits limits;

    public GitLabDataService(TokenService tokens, GitLabClient gitLab, Limits limits) {
        this.tokens = tokens;
        this.gitLab = gitLab;
        this.limits = limits;
    }

    public Uni<GitLabUserView> user(SessionPrincipal caller, String accountId) {
        return limited(caller, accountId, () -> source(caller, accountId)
                .chain(gitLab::currentUser).map(GitLabUserView::of));
    }

    public Uni<ListView<ProjectView>> projects(SessionPrincipal caller, String accountId, ProjectListParams params) {
        params.requireKeysetCompatible();
        if (!params.keyset()) {
            params.paging().requireWithinOffsetLimit("; go further with pagination=keyset");
        }
        PageRequest page = params.keyset()
                ? PageRequest.keysetAfter(params.cursor() == null ? null : ProjectCursor.decode(params.cursor()),
                        params.paging().perPageNumber())
                : PageRequest.offset(params.paging().pageNumber(), params.paging().perPageNumber());
        ProjectQuery query = new ProjectQuery(params.membership() == null || Boolean.parseBoolean(params.membership()),
                params.search(), params.orderBy(), params.keyset() ? "asc" : params.sort(), booleanOrNull(params.archived()),
                params.minAccessLevel() == null ? null : Integer.valueOf(params.minAccessLevel()), Boolean.TRUE, page);
        return limited(caller, accountId, () -> source(caller, accountId)
                .chain(tokens -> gitLab.projects(tokens, query))
                .map(projects -> list(projects, ProjectView::of)));
    }

    public Uni<ProjectView> project(SessionPrincipal caller, String accountId, String projectId) {
        return limited(caller, accountId, () -> source(caller, accountId)
                .chain(tokens -> gitLab.project(tokens, projectId)).map(ProjectView::of));
    }

    public Uni<ListView<GroupView>> groups(SessionPrincipal caller, String accountId, GroupListParams params) {
        params.paging().requireWithinOffsetLimit("");
        GroupQuery query = new GroupQuery(params.search(), params.orderBy(), params.sort(),
                params.minAccessLevel() == null ? null : Integer.valueOf(params.minAccessLevel()),
                offset(params.paging()));
        return limited(caller, accountId, () -> source(caller, accountId)
                .chain(tokens -> gitLab.groups(tokens, query))
                .map(page -> list(page, GroupView::of)));
    }

    public Uni<ListView<IssueView>> issues(SessionPrincipal caller, String accountId, IssueListParams params) {
        WorkItemQuery query = params.toQuery(offset(params.paging()));
        return limited(caller, accountId, () -> source(caller, accountId)
                .chain(tokens -> gitLab.issues(tokens, query))
                .map(page -> list(page, IssueView::of)));
    }

    public Uni<ListView<MergeRequestView>> mergeRequests(SessionPrincipal caller, String accountId,
            MergeRequestListParams params) {
        WorkItemQuery query = params.toQuery(offset(params.paging()));
        return limited(caller, accountId, () -> source(caller, accountId)
                .chain(tokens -> gitLab.mergeRequests(tokens, query))
                .map(page -> list(page, MergeRequestView::of)));
    }

    public Uni<ListView<IssueView>> projectIssues(SessionPrincipal caller, String accountId, String projectId,
            IssueListParams params) {
        WorkItemQuery query = params.toQuery(offset(params.paging()));
        return limited(caller, accountId, () -> source(caller, accountId)
                .chain(tokens -> gitLab.projectIssues(tokens, projectId, query))
                .map(page -> list(page, IssueView::of)));
    }

    public Uni<ListView<MergeRequestView>> projectMergeRequests(SessionPrincipal caller, String accountId,
            String projectId, MergeRequestListParams params) {
        WorkItemQuery query = params.toQuery(offset(params.paging()));
        return limited(caller, accountId, () -> source(caller, accountId)
                .chain(tokens -> gitLab.projectMergeRequests(tokens, projectId, query))
                .map(page -> list(page, MergeRequestView::of)));
    }

    public Uni<IssueView> projectIssue(SessionPrincipal caller, String accountId, String projectId, long iid) {
        return limited(caller, accountId, () -> source(caller, accountId)
                .chain(tokens -> gitLab.projectIssue(tokens, projectId, iid)).map(IssueView::of));
    }

    public Uni<MergeRequestView> projectMergeRequest(SessionPrincipal caller, String accountId, String projectId,
            long iid) {
        return limited(caller, accountId, () -> source(caller, accountId)
                .chain(tokens -> gitLab.projectMergeRequest(tokens, projectId, iid)).map(MergeRequestView::of));
    }

    public Uni<ListView<PipelineView>> projectPipelines(SessionPrincipal caller, String accountId, String projectId,
            PipelineListParams params) {
        PipelineQuery query = new PipelineQuery(params.status(), params.ref(), params.orderBy(), params.sort(),
                offset(params.paging()));
        return limited(caller, accountId, () -> source(caller, accountId)
                .chain(tokens -> gitLab.projectPipelines(tokens, projectId, query))
                .map(page -> list(page, PipelineView::of)));
    }

    private Uni<AccessTokenSource> source(SessionPrincipal caller, String accountId) {
        return tokens.forOwnedAccount(caller.userId(), UUID.fromString(accountId));
    }

    /**
     * The whole request, token lookup and GitLab call, inside the caller's session bulkhead. GitLab's
     * {@code insufficient_scope} names the account, so its problem can offer a step-up of that account's grant.
     */
    private <T> Uni<T> limited(SessionPrincipal caller, String accountId, Supplier<Uni<T>> request) {
        return limits.sessionGitLabCalls().run(caller.sessionIdHash(), request)
                .onFailure(GitLabInsufficientScopeException.class)
                .transform(failure -> MissingScopesException.fromGitLab(caller, UUID.fromString(accountId),
                        ((GitLabInsufficientScopeException) failure).acceptableScopes()));
    }

    private static PageRequest offset(ListParams paging) {
        return PageRequest.offset(paging.pageNumber(), paging.perPageNumber());
    }

    private static Boolean booleanOrNull(String value) {
        return value == null ? null : Boolean.valueOf(value);
    }

    private static <T, V> ListView<V> list(GitLabPage<T> page, Function<T, V> toView) {
        List<V> items = page.items().stream().map(toView).toList();
        int perPage = page.perPage() == null ? items.size() : page.perPage();
        String nextCursor = page.nextIdAfter() == null ? null : ProjectCursor.encode(page.nextIdAfter());
        return new ListView<>(items, new PageView(page.page(), perPage, page.total(), page.totalPages(),
                page.nextPage(), page.prevPage(), nextCursor));
    }
}
