package dev.gitlablink.api.view;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a list page sits. Offset pages have {@code page}, {@code nextPage} and {@code prevPage} (null at
 * either end); {@code total} and {@code totalPages} are left out when GitLab does not count (above 10,000
 * rows). Keyset pages (projects with a cursor) have only {@code perPage} and {@code nextCursor}.
 */
public record PageView(
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer page,
        int perPage,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long total,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer totalPages,
        Integer nextPage,
        Integer prevPage,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
}
