package dev.gitlablink.gitlab;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a GitLab list and where it sits. Offset pages carry page numbers (totals only when GitLab
 * sends them: it omits them above 10,000 rows); keyset pages carry only the id to continue after.
 */
public record GitLabPage<T>(List<T> items, Integer page, Integer perPage, Long total, Integer totalPages,
        Integer nextPage, Integer prevPage, Long nextIdAfter) {

    public <R> GitLabPage<R> map(Function<T, R> mapper) {
        return new GitLabPage<>(items.stream().map(mapper).toList(), page, perPage, total, totalPages, nextPage,
                prevPage, nextIdAfter);
    }
}
