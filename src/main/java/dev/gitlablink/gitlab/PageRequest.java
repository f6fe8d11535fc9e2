package dev.gitlablink.gitlab;

/**
 * Which page of a GitLab list to fetch: offset ({@code page}) or keyset ({@code idAfter}, projects only).
 * {@code perPage} is within 1..100, GitLab's own bounds.
 */
public record PageRequest(Integer page, int perPage, boolean keyset, Long idAfter) {

    public static final int MAX_PER_PAGE = 100;

    public PageRequest {
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("perPage must be within 1.." + MAX_PER_PAGE);
        }
    }

    public static PageRequest offset(int page, int perPage) {
        return new PageRequest(Math.max(1, page), perPage, false, null);
    }

    public static PageRequest keysetAfter(Long idAfter, int perPage) {
        return new PageRequest(null, perPage, true, idAfter);
    }
}
