package dev.gitlablink.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** GitLab's pagination headers as behaviour.md §G describes them. */
class PaginationHeadersTest {

    @Test
    void middlePageWithTotals() {
        GitLabPage<String> page = PaginationHeaders.page(List.of("a"), Map.of(
                "x-page", "2", "x-per-page", "20", "x-next-page", "3", "x-prev-page", "1",
                "x-total", "57", "x-total-pages", "3")::get);

        assertEquals(2, page.page());
        assertEquals(20, page.perPage());
        assertEquals(3, page.nextPage());
        assertEquals(1, page.prevPage());
        assertEquals(57L, page.total());
        assertEquals(3, page.totalPages());
    }

    @Test
    void lastPageHasEmptyNextPage() {
        GitLabPage<String> page = PaginationHeaders.page(List.of(), Map.of(
                "x-page", "3", "x-per-page", "20", "x-next-page", "", "x-prev-page", "2",
                "x-total", "57", "x-total-pages", "3")::get);

        assertNull(page.nextPage());
        assertEquals(2, page.prevPage());
    }

    @Test
    void totalsAreAbsentAboveTenThousandRows() {
        GitLabPage<String> page = PaginationHeaders.page(List.of(), Map.of(
                "x-page", "1", "x-per-page", "100", "x-next-page", "2", "x-prev-page", "")::get);

        assertNull(page.total());
        assertNull(page.totalPages());
        assertEquals(2, page.nextPage());
        assertNull(page.prevPage());
    }

    @Test
    void keysetNextLinkGivesTheIdToContinueAfter() {
        String link = "<https://gitlab.example.com/api/v4/projects?id_after=42&imported=false&membership=false"
                + "&order_by=id&owned=false&page=1&pagination=keyset&per_page=20&sort=asc>; rel=\"next\"";
        GitLabPage<String> page = PaginationHeaders.page(List.of("a"), Map.of("link", link)::get);

        assertEquals(42L, page.nextIdAfter());
        assertNull(page.page());
    }

    @Test
    void linkHeaderRelationsAreFoundInAnyOrder() {
        String link = "<https://g/api/v4/x?page=1>; rel=\"prev\", <https://g/api/v4/x?page=3>; rel=\"next\", "
                + "<https://g/api/v4/x?page=1>; rel=\"first\", <https://g/api/v4/x?page=5>; rel=\"last\"";

        assertEquals("https://g/api/v4/x?page=3", PaginationHeaders.link(link, "next").orElseThrow());
        assertEquals("https://g/api/v4/x?page=5", PaginationHeaders.link(link, "last").orElseThrow());
        assertEquals(java.util.Optional.empty(), PaginationHeaders.link(null, "next"));
    }

    @Test
    void garbageHeadersAreIgnored() {
        GitLabPage<String> page = PaginationHeaders.page(List.of(), Map.of("x-page", "two", "x-total", "-1")::get);

        assertNull(page.page());
        assertNull(page.total());
    }
}
