package dev.gitlablink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import dev.gitlablink.api.view.PageView;

/** The Link header of our list answers: the request's own URL with only the page (or cursor) changed. */
class PageLinksTest {

    private static final String PATH = "/api/accounts/6f1c/projects";

    @Test
    void middlePageLinksToItsNeighboursAndEnds() {
        PageView page = new PageView(2, 20, 57L, 3, 3, 1, null);

        assertEquals("<" + PATH + "?perPage=20&page=3>; rel=\"next\", "
                + "<" + PATH + "?perPage=20&page=1>; rel=\"prev\", "
                + "<" + PATH + "?perPage=20&page=1>; rel=\"first\", "
                + "<" + PATH + "?perPage=20&page=3>; rel=\"last\"",
                PageLinks.header(PATH, "perPage=20&page=2", page));
    }

    @Test
    void pageIsAddedWhenTheRequestHadNoneAndOtherParametersKeepTheirOrderAndEncoding() {
        PageView page = new PageView(1, 20, null, null, 2, null, null);

        assertEquals("<" + PATH + "?search=a%20b&sort=asc&page=2>; rel=\"next\", "
                + "<" + PATH + "?search=a%20b&sort=asc&page=1>; rel=\"first\"",
                PageLinks.header(PATH, "search=a%20b&sort=asc", page));
        assertEquals("<" + PATH + "?page=2>; rel=\"next\", <" + PATH + "?page=1>; rel=\"first\"",
                PageLinks.header(PATH, null, page));
    }

    @Test
    void aRepeatedPageParameterBecomesOne() {
        PageView page = new PageView(1, 20, null, null, 2, null, null);

        assertEquals("<" + PATH + "?page=2&perPage=5>; rel=\"next\", <" + PATH + "?page=1&perPage=5>; rel=\"first\"",
                PageLinks.header(PATH, "page=1&perPage=5&page=9", page));
    }

    @Test
    void keysetPageLinksOnlyToTheNextCursorAndDropsTheSwitch() {
        PageView page = new PageView(null, 20, null, null, null, null, "aWQ6NDI");

        assertEquals("<" + PATH + "?perPage=20&cursor=aWQ6NDI>; rel=\"next\"",
                PageLinks.header(PATH, "pagination=keyset&perPage=20", page));
        assertEquals("<" + PATH + "?cursor=aWQ6NDI&perPage=20>; rel=\"next\"",
                PageLinks.header(PATH, "cursor=aWQ6MjA&perPage=20", page));
    }

    @Test
    void aSinglePageWithoutTotalsHasOnlyItsFirstLinkAndALastKeysetPageNone() {
        assertEquals("<" + PATH + "?page=1>; rel=\"first\"",
                PageLinks.header(PATH, "page=1", new PageView(1, 20, null, null, null, null, null)));
        assertNull(PageLinks.header(PATH, "cursor=aWQ6NDI", new PageView(null, 20, null, null, null, null, null)));
    }
}
