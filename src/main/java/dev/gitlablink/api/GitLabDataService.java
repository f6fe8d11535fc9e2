package dev.gitlablink.api;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.api.view.GitLabUserView;
import dev.gitlablink.api.view.GroupView;
import dev.gitlablink.api.view.IssueView;
import dev.gitlablink.api.view.ListView;
import dev.gitlablink.api.view.MergeRequestView;
import dev.gitlablink.api.view.PageView;
import dev.gitlablink.api.view.PipelineView;
import dev.gitlablink.api.view.ProjectView;
import dev.gitlablink.gitlab.AccessTokenSource;
import dev.gitlablink.gitlab.GitLabClient;
import dev.gitlablink.gitlab.GitLabPage;
import dev.gitlablink.gitlab.GroupQuery;
import dev.gitlablink.gitlab.PageRequest;
import dev.gitlablink.gitlab.PipelineQuery;
import dev.gitlablink.gitlab.ProjectQuery;
import dev.gitlablink.gitlab.WorkItemQuery;
import dev.gitlablink.token.TokenService;
import io.smallrye.mutiny.Uni;

/**
 * The SPA's GitLab data: checks the account is the caller's, lets {@link GitLabClient} fetch with the
 * account's token, and maps GitLab's payloads to our views.
 */
@ApplicationScoped
public class GitLabDataService {

    private final TokenService tokens;
    private final GitLabClient gitLab;

    public GitLabDataService(TokenService tokens, GitLabClient gitLab) {
        this.tokens = tokens;
        this.gitLab = gitLab;
    }

    public Uni<GitLabUserView> user(UUID userId, String accountId) {
        return source(userId, accountId).chain(gitLab::currentUser).map(GitLabUserView::of);
    }

    public Uni<ListView<ProjectView>> projects(UUID userId, String accountId, ProjectListParams params) {
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
        return source(userId, accountId).chain(tokens -> gitLab.projects(tokens, query))
                .map(projects -> list(projects, ProjectView::of));
    }

    public Uni<ProjectView> project(UUID userId, String accountId, String projectId) {
        return source(userId, accountId).chain(tokens -> gitLab.project(tokens, projectId)).map(ProjectView::of);
    }

    public Uni<ListView<GroupView>> groups(UUID userId, String accountId, GroupListParams params) {
        params.paging().requireWithinOffsetLimit("");
        GroupQuery query = new GroupQuery(params.search(), params.orderBy(), params.sort(),
                params.minAccessLevel() == null ? null : Integer.valueOf(params.minAccessLevel()),
                offset(params.paging()));
        return source(userId, accountId).chain(tokens -> gitLab.groups(tokens, query))
                .map(page -> list(page, GroupView::of));
    }

    public Uni<ListView<IssueView>> issues(UUID userId, String accountId, IssueListParams params) {
        WorkItemQuery query = params.toQuery(offset(params.paging()));
        return source(userId, accountId).chain(tokens -> gitLab.issues(tokens, query))
                .map(page -> list(page, IssueView::of));
    }

    public Uni<ListView<MergeRequestView>> mergeRequests(UUID userId, String accountId,
            MergeRequestListParams params) {
        WorkItemQuery query = params.toQuery(offset(params.paging()));
        return source(userId, accountId).chain(tokens -> gitLab.mergeRequests(tokens, query))
                .map(page -> list(page, MergeRequestView::of));
    }

    public Uni<ListView<IssueView>> projectIssues(UUID userId, String accountId, String projectId,
            IssueListParams params) {
        WorkItemQuery query = params.toQuery(offset(params.paging()));
        return source(userId, accountId).chain(tokens -> gitLab.projectIssues(tokens, projectId, query))
                .map(page -> list(page, IssueView::of));
    }

    public Uni<ListView<MergeRequestView>> projectMergeRequests(UUID userId, String accountId, String projectId,
            MergeRequestListParams params) {
        WorkItemQuery query = params.toQuery(offset(params.paging()));
        return source(userId, accountId).chain(tokens -> gitLab.projectMergeRequests(tokens, projectId, query))
                .map(page -> list(page, MergeRequestView::of));
    }

    public Uni<ListView<PipelineView>> projectPipelines(UUID userId, String accountId, String projectId,
            PipelineListParams params) {
        PipelineQuery query = new PipelineQuery(params.status(), params.ref(), params.orderBy(), params.sort(),
                offset(params.paging()));
        return source(userId, accountId).chain(tokens -> gitLab.projectPipelines(tokens, projectId, query))
                .map(page -> list(page, PipelineView::of));
    }

    private Uni<AccessTokenSource> source(UUID userId, String accountId) {
        return tokens.forOwnedAccount(userId, UUID.fromString(accountId));
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
