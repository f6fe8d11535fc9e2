package dev.gitlablink.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;

/** Query of {@code GET /api/accounts/{id}/groups}. */
public record GroupListParams(
        @QueryParam("search") @Pattern(regexp = ParamPatterns.FREE_TEXT, message = ParamPatterns.FREE_TEXT_MESSAGE)
        String search,
        @QueryParam("orderBy") @Pattern(regexp = "name|path|id", message = "must be one of name, path, id")
        String orderBy,
        @QueryParam("sort") @Pattern(regexp = ParamPatterns.SORT, message = "must be asc or desc")
        String sort,
        @QueryParam("minAccessLevel") @Pattern(regexp = "5|10|15|20|25|30|40|50",
                message = "must be one of 5, 10, 15, 20, 25, 30, 40, 50")
        String minAccessLevel,
        @BeanParam @Valid ListParams paging) {
}
