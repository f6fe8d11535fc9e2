package dev.gitlablink.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;

import dev.gitlablink.gitlab.PageRequest;
import dev.gitlablink.gitlab.WorkItemQuery;

/** Query of the issue lists; {@code scope} only matters across projects (GitLab's default: created_by_me). */
public record IssueListParams(
        @QueryParam("scope") @Pattern(regexp = "created_by_me|assigned_to_me|all",
                message = "must be one of created_by_me, assigned_to_me, all")
        String scope,
        @QueryParam("state") @Pattern(regexp = "opened|closed|all", message = "must be one of opened, closed, all")
        String state,
        @QueryParam("search") @Pattern(regexp = ParamPatterns.FREE_TEXT, message = ParamPatterns.FREE_TEXT_MESSAGE)
        String search,
        @QueryParam("orderBy") @Pattern(regexp = "created_at|updated_at", message = "must be created_at or updated_at")
        String orderBy,
        @QueryParam("sort") @Pattern(regexp = ParamPatterns.SORT, message = "must be asc or desc")
        String sort,
        @BeanParam @Valid ListParams paging) {

    WorkItemQuery toQuery(PageRequest page) {
        return new WorkItemQuery(scope, state, search, orderBy, sort, page);
    }
}
