package dev.gitlablink.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;

/** Query of a project's pipeline list. */
public record PipelineListParams(
        @QueryParam("status") @Pattern(
                regexp = "created|waiting_for_resource|preparing|pending|running|success|failed|canceled|skipped|manual|scheduled",
                message = "must be a GitLab pipeline status such as running, success or failed")
        String status,
        @QueryParam("ref") @Pattern(regexp = ParamPatterns.FREE_TEXT, message = ParamPatterns.FREE_TEXT_MESSAGE)
        String ref,
        @QueryParam("orderBy") @Pattern(regexp = "id|status|ref|updated_at|user_id",
                message = "must be one of id, status, ref, updated_at, user_id")
        String orderBy,
        @QueryParam("sort") @Pattern(regexp = ParamPatterns.SORT, message = "must be asc or desc")
        String sort,
        @BeanParam @Valid ListParams paging) {
}
