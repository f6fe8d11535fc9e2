package dev.gitlablink.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;

/**
 * Query of {@code GET /api/accounts/{id}/projects}. {@code pagination=keyset} starts a keyset walk (by
 * id, ascending); each page's {@code nextCursor} continues it through {@code cursor}.
 */
public record ProjectListParams(
        @QueryParam("search") @Pattern(regexp = ParamPatterns.FREE_TEXT, message = ParamPatterns.FREE_TEXT_MESSAGE)
        String search,
        @QueryParam("orderBy") @Pattern(regexp = "id|name|path|created_at|updated_at|star_count|last_activity_at",
                message = "must be one of id, name, path, created_at, updated_at, star_count, last_activity_at")
        String orderBy,
        @QueryParam("sort") @Pattern(regexp = ParamPatterns.SORT, message = "must be asc or desc")
        String sort,
        @QueryParam("archived") @Pattern(regexp = ParamPatterns.BOOLEAN, message = "must be true or false")
        String archived,
        @QueryParam("membership") @Pattern(regexp = ParamPatterns.BOOLEAN, message = "must be true or false")
        String membership,
        @QueryParam("minAccessLevel") @Pattern(regexp = "5|10|15|20|25|30|40|50",
                message = "must be one of 5, 10, 15, 20, 25, 30, 40, 50")
        String minAccessLevel,
        @QueryParam("pagination") @Pattern(regexp = "offset|keyset", message = "must be offset or keyset")
        String pagination,
        @QueryParam("cursor") @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "is not a cursor this API returned")
        String cursor,
        @BeanParam @Valid ListParams paging) {

    boolean keyset() {
        return cursor != null || "keyset".equals(pagination);
    }

    /** Keyset pages are ordered by id ascending (GitLab's keyset order for projects); say so if asked otherwise. */
    void requireKeysetCompatible() {
        if (keyset() && ((orderBy != null && !"id".equals(orderBy)) || (sort != null && !"asc".equals(sort)))) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "Some parameters are invalid.",
                    java.util.List.of(new Problem.FieldError("pagination",
                            "keyset pagination orders by id ascending; drop orderBy and sort, or use offset")));
        }
    }
}
