package dev.gitlablink.api;

import java.util.List;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;

/** Paging parameters every list accepts: {@code page} (from 1) and {@code perPage} (1..100, default 20). */
public record ListParams(
        @QueryParam("page") @Pattern(regexp = "[1-9][0-9]{0,5}", message = "must be a whole number from 1 to 999999")
        String page,
        @QueryParam("perPage") @Pattern(regexp = "[1-9]|[1-9][0-9]|100", message = "must be a whole number from 1 to 100")
        String perPage) {

    static final int DEFAULT_PER_PAGE = 20;
    /** GitLab's cap on offset paging of projects and groups (plan limit {@code offset_pagination_limit}). */
    static final int MAX_OFFSET = 50_000;

    int pageNumber() {
        return page == null ? 1 : Integer.parseInt(page);
    }

    int perPageNumber() {
        return perPage == null ? DEFAULT_PER_PAGE : Integer.parseInt(perPage);
    }

    /**
     * For the lists GitLab caps at an offset of 50,000 rows (it answers 405 beyond): a validation problem on
     * {@code page} instead of a GitLab error, with {@code instead} telling how to go on (may be empty).
     */
    void requireWithinOffsetLimit(String instead) {
        if ((long) pageNumber() * perPageNumber() > MAX_OFFSET) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "Some parameters are invalid.", List.of(
                    new Problem.FieldError("page", "page times perPage may be at most " + MAX_OFFSET + instead)));
        }
    }
}
