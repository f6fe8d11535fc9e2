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

    public GitLabUserView user(UUID userId, String accountId) {
        return GitLabUserView.of(gitLab.currentUser(source(userId, accountId)));
    }

    public ListView<ProjectView> projects(UUID userId, String accountId, ProjectListParams params) {
        params.requireKeysetCompatible();
        PageRequest page = params.keyset()
                ? PageRequest.keysetAfter(params.cursor() == null ? null : ProjectCursor.decode(params.cursor()),
                        params.paging().perPageNumber())
                : PageRequest.offset(params.paging().pageNumber(), params.paging().perPageNumber());
        ProjectQuery query = new ProjectQuery(params.membership() == null || Boolean.parseBoolean(params.membership()),
                params.search(), params.orderBy(), params.keyset() ? "asc" : params.sort(), booleanOrNull(params.archived()),
                params.minAccessLevel() == null ? null : Integer.valueOf(params.minAccessLevel()), Boolean.TRUE, page);
        return list(gitLab.projects(source(userId, accountId), query), ProjectView::of);
    }

    public ProjectView project(UUID userId, String accountId, String projectId) {
        return ProjectView.of(gitLab.project(source(userId, accountId), projectId));
    }

    public ListView<GroupView> groups(UUID userId, String accountId, GroupListParams params) {
        GroupQuery query = new GroupQuery(params.search(), params.orderBy(), params.sort(),
                params.minAccessLevel() == null ? null : Integer.valueOf(params.minAccessLevel()),
                offset(params.paging()));
        return list(gitLab.groups(source(userId, accountId), query), GroupView::of);
    }

    public ListView<IssueView> issues(UUID userId, String accountId, IssueListParams params) {
        return list(gitLab.issues(source(userId, accountId), params.toQuery(offset(params.paging()))), IssueView::of);
    }

    public ListView<MergeRequestView> mergeRequests(UUID userId, String accountId, MergeRequestListParams params) {
        return list(gitLab.mergeRequests(source(userId, accountId), params.toQuery(offset(params.paging()))),
                MergeRequestView::of);
    }

    public ListView<IssueView> projectIssues(UUID userId, String accountId, String projectId,
            IssueListParams params) {
        return list(gitLab.projectIssues(source(userId, accountId), projectId,
                params.toQuery(offset(params.paging()))), IssueView::of);
    }

    public ListView<MergeRequestView> projectMergeRequests(UUID userId, String accountId, String projectId,
            MergeRequestListParams params) {
        return list(gitLab.projectMergeRequests(source(userId, accountId), projectId,
                params.toQuery(offset(params.paging()))), MergeRequestView::of);
    }

    public ListView<PipelineView> projectPipelines(UUID userId, String accountId, String projectId,
            PipelineListParams params) {
        PipelineQuery query = new PipelineQuery(params.status(), params.ref(), params.orderBy(), params.sort(),
                offset(params.paging()));
        return list(gitLab.projectPipelines(source(userId, accountId), projectId, query), PipelineView::of);
    }

    private AccessTokenSource source(UUID userId, String accountId) {
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
