package dev.gitlablink.api;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;

/** Paging parameters every list accepts: {@code page} (from 1) and {@code perPage} (1..100, default 20). */
public record ListParams(
        @QueryParam("page") @Pattern(regexp = "[1-9][0-9]{0,5}", message = "must be a whole number from 1 to 999999")
        String page,
        @QueryParam("perPage") @Pattern(regexp = "[1-9]|[1-9][0-9]|100", message = "must be a whole number from 1 to 100")
        String perPage) {

    static final int DEFAULT_PER_PAGE = 20;

    int pageNumber() {
        return page == null ? 1 : Integer.parseInt(page);
    }

    int perPageNumber() {
        return perPage == null ? DEFAULT_PER_PAGE : Integer.parseInt(perPage);
    }
}
