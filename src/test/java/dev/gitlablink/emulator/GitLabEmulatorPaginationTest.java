package dev.gitlablink.emulator;

import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GitLab's offset and keyset pagination (behaviour.md section G) on {@code GET /api/v4/projects}. */
class GitLabEmulatorPaginationTest {

    private static final int PAT_PROJECTS = 45;
    private static final int BULK_PROJECTS = 10_050;

    private static GitLabEmulator emulator;
    private static ApiTestClient api;
    private static String pat;
    private static String bulk;
    private static long generationMillis;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults());
        api = new ApiTestClient(emulator);
        EmulatorUser patUser = emulator.createUser("pat", "Pat Pager", "pat@example.test");
        EmulatorUser bulkUser = emulator.createUser("bulk", "Bulk User", "bulk@example.test");
        emulator.data().generateProjects(patUser.id(), "pat-group", PAT_PROJECTS);
        long started = System.nanoTime();
        emulator.data().generateProjects(bulkUser.id(), "bulk-group", BULK_PROJECTS);
        generationMillis = (System.nanoTime() - started) / 1_000_000;
        pat = api.token(patUser, "read_api");
        bulk = api.token(bulkUser, "read_api");
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void firstPageHeaders() {
        Response response = api.get(pat, "/projects", "membership", true);

        response.then().statusCode(200)
                .header("x-page", "1").header("x-per-page", "20")
                .header("x-next-page", "2").header("x-prev-page", "")
                .header("x-total", "45").header("x-total-pages", "3");
        assertEquals(20, ApiTestClient.ids(response).size());
        assertEquals(List.of("next", "first", "last"), ApiTestClient.rels(response));
    }

    @Test
    void middlePageLinksInGitLabOrderWithSortedQuery() {
        Response response = api.get(pat, "/projects", "membership", true, "page", 2);

        response.then().header("x-page", "2").header("x-next-page", "3").header("x-prev-page", "1");
        assertEquals(List.of("prev", "next", "first", "last"), ApiTestClient.rels(response));
        Map<String, String> links = ApiTestClient.links(response);
        String base = emulator.baseUrl() + "/api/v4/projects?";
        assertEquals(base + "membership=true&order_by=created_at&owned=false&page=3&per_page=20"
                + "&search_namespaces=false&simple=false&sort=desc&starred=false", links.get("next"));
        assertTrue(links.get("prev").contains("&page=1&"), links.get("prev"));
        assertTrue(links.get("first").contains("&page=1&"), links.get("first"));
        assertTrue(links.get("last").contains("&page=3&"), links.get("last"));
    }

    @Test
    void lastPageHasEmptyNextPage() {
        Response response = api.get(pat, "/projects", "membership", true, "page", 3);

        response.then().header("x-next-page", "").header("x-prev-page", "2").header("x-total-pages", "3");
        assertEquals(5, ApiTestClient.ids(response).size());
        assertEquals(List.of("prev", "first", "last"), ApiTestClient.rels(response));
    }

    @Test
    void pageBeyondTheEndIsEmptyWithoutPrevOrNext() {
        Response response = api.get(pat, "/projects", "membership", true, "page", 9);

        response.then().statusCode(200).header("x-next-page", "").header("x-prev-page", "").body("size()", equalTo(0));
        assertEquals(List.of("first", "last"), ApiTestClient.rels(response));
    }

    @Test
    void emptyListReportsZeroTotalAndOnePage() {
        Response response = api.get(pat, "/projects", "search", "no-such-project");

        response.then().statusCode(200).body("size()", equalTo(0))
                .header("x-total", "0").header("x-total-pages", "1")
                .header("x-next-page", "").header("x-prev-page", "");
        assertEquals(List.of("first", "last"), ApiTestClient.rels(response));
        assertTrue(ApiTestClient.links(response).get("last").contains("page=1"));
    }

    @Test
    void perPageIsCappedAt100AndMustBePositive() {
        Response capped = api.get(bulk, "/projects", "per_page", 500);
        capped.then().statusCode(200).header("x-per-page", "100");
        assertEquals(100, ApiTestClient.ids(capped).size());
        assertTrue(ApiTestClient.links(capped).get("next").contains("per_page=100"));

        api.get(pat, "/projects", "per_page", 0).then().statusCode(400)
                .body("error", equalTo("per_page does not have a valid value"));
        api.get(pat, "/projects", "page", 0).then().statusCode(400)
                .body("error", equalTo("page does not have a valid value"));
        api.get(pat, "/projects", "per_page", "many").then().statusCode(400)
                .body("error", equalTo("per_page is invalid"));
    }

    @Test
    void moreThanTenThousandRowsDropTotalsAndLastLink() {
        assertTrue(generationMillis < 2_000, "generating 10,050 projects took " + generationMillis + " ms");

        Response first = api.get(bulk, "/projects", "membership", true, "per_page", 100);
        first.then().statusCode(200).header("x-next-page", "2").header("x-page", "1");
        assertNull(first.header("x-total"));
        assertNull(first.header("x-total-pages"));
        assertEquals(List.of("next", "first"), ApiTestClient.rels(first));

        Response last = api.get(bulk, "/projects", "membership", true, "per_page", 100, "page", 101);
        last.then().header("x-next-page", "").header("x-prev-page", "100");
        assertEquals(50, ApiTestClient.ids(last).size());
        assertEquals(List.of("prev", "first"), ApiTestClient.rels(last));
    }

    @Test
    void offsetBeyondFiftyThousandIs405() {
        api.get(pat, "/projects", "per_page", 100, "page", 501).then().statusCode(405)
                .body("error", equalTo("Offset pagination has a maximum allowed offset of 50000 for requests that"
                        + " return objects of type Project. Remaining records can be retrieved using keyset"
                        + " pagination."));
        api.get(pat, "/projects", "per_page", 100, "page", 500).then().statusCode(200);
    }

    @Test
    void keysetWalkAscendingEndsWithoutNextLink() {
        List<Long> ids = walk(pat, "asc", 20, List.of(20, 20, 5));

        assertEquals(PAT_PROJECTS, ids.size());
        assertEquals(PAT_PROJECTS, new HashSet<>(ids).size(), "no duplicates");
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) > ids.get(i - 1), "strictly increasing ids");
        }
    }

    @Test
    void keysetWalkWithExactMultipleEndsWithAnEmptyPage() {
        List<Long> ids = walk(pat, "desc", 15, List.of(15, 15, 15, 0));

        assertEquals(PAT_PROJECTS, Set.copyOf(ids).size());
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) < ids.get(i - 1), "strictly decreasing ids");
        }
    }

    @Test
    void keysetWalkOverTenThousandRows() {
        Response response = api.get(bulk, "/projects", "pagination", "keyset", "order_by", "id", "sort", "asc",
                "per_page", 100, "membership", true, "simple", true);
        Set<Long> seen = new HashSet<>(ApiTestClient.ids(response));
        int requests = 1;
        while (ApiTestClient.links(response).containsKey("next")) {
            response = api.getRaw(bulk, ApiTestClient.links(response).get("next"));
            seen.addAll(ApiTestClient.ids(response));
            requests++;
        }
        assertEquals(BULK_PROJECTS, seen.size());
        assertEquals(101, requests);
    }

    @Test
    void keysetHasOnlyNextLinkAndUsesIdAfter() {
        Response response = api.get(pat, "/projects", "pagination", "keyset", "order_by", "id", "sort", "asc");

        assertEquals(List.of("next"), ApiTestClient.rels(response));
        assertNull(response.header("x-total"));
        assertNull(response.header("x-page"));
        List<Long> ids = ApiTestClient.ids(response);
        String query = URI.create(ApiTestClient.links(response).get("next")).getRawQuery();
        assertTrue(query.contains("id_after=" + ids.get(ids.size() - 1)), query);
        assertTrue(query.contains("pagination=keyset"), query);
    }

    @Test
    void keysetNeedsOrderById() {
        api.get(pat, "/projects", "pagination", "keyset").then().statusCode(405)
                .body("error", equalTo("Keyset pagination is not yet available for this type of request"));
        api.get(pat, "/projects", "pagination", "keyset", "order_by", "name").then().statusCode(405);
    }

    private static List<Long> walk(String token, String sort, int perPage, List<Integer> expectedSizes) {
        Response response = api.get(token, "/projects", "pagination", "keyset", "order_by", "id", "sort", sort,
                "per_page", perPage);
        List<Long> ids = new ArrayList<>(ApiTestClient.ids(response));
        List<Integer> sizes = new ArrayList<>(List.of(ids.size()));
        while (ApiTestClient.links(response).containsKey("next")) {
            assertEquals(List.of("next"), ApiTestClient.rels(response));
            response = api.getRaw(token, ApiTestClient.links(response).get("next"));
            response.then().statusCode(200);
            ids.addAll(ApiTestClient.ids(response));
            sizes.add(ApiTestClient.ids(response).size());
        }
        assertEquals(expectedSizes, sizes);
        assertFalse(ApiTestClient.links(response).containsKey("next"));
        return ids;
    }
}
