package dev.gitlablink.emulator;

import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seeded dev data: enough of everything for demo to page through, identical on every start. */
class DemoDataTest {

    private static GitLabEmulator emulator;
    private static ApiTestClient api;
    private static String token;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults().withSeedDemoData(true));
        api = new ApiTestClient(emulator);
        String session = api.flows().signIn(new EmulatorUser(0, "demo", "", "", "demo", "", "", null, null));
        token = api.flows().tokens(ApiTestClient.APP, session, "read_api").getString("access_token");
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    private static int total(String path, Object... params) {
        Response response = api.get(token, path, params);
        response.then().statusCode(200);
        return Integer.parseInt(response.header("x-total"));
    }

    @Test
    void demoHasProjectsInEveryRole() {
        int member = total("/projects", "membership", true);
        assertTrue(member >= 40 && member <= 50, "member of " + member);
        assertTrue(total("/projects", "membership", true, "archived", true) >= 3);
        assertTrue(total("/projects", "min_access_level", 30) < member, "some projects as Reporter/Guest only");
        assertTrue(total("/projects") > member, "public/internal projects of others are visible too");
        assertEquals(3, total("/groups"));
    }

    @Test
    void demoHasIssuesAndMergeRequestsInEveryScopeAndState() {
        assertTrue(total("/issues") > 5);
        assertTrue(total("/issues", "scope", "assigned_to_me", "state", "opened") > 3);
        assertTrue(total("/issues", "scope", "all", "state", "closed") > 3);
        assertTrue(total("/merge_requests", "scope", "reviews_for_me") > 3);
        assertTrue(total("/merge_requests", "scope", "assigned_to_me") > 3);
        for (String state : List.of("opened", "merged", "closed", "locked")) {
            assertTrue(total("/merge_requests", "scope", "all", "state", state) > 0, state);
        }
    }

    @Test
    void pipelinesOnSeveralProjects() {
        Response backend = api.getRaw(token, emulator.baseUrl() + "/api/v4/projects/acme%2Fbackend/pipelines");
        backend.then().statusCode(200).header("x-total", "25").header("x-total-pages", "2");
        assertFalse(backend.jsonPath().getList("status", String.class).stream().distinct().toList().size() < 3);
        api.getRaw(token, emulator.baseUrl() + "/api/v4/projects/acme%2Ffrontend/pipelines").then()
                .header("x-total", "3");
    }

    @Test
    void seedIsDeterministic() {
        try (GitLabEmulator other = GitLabEmulator.start(EmulatorOptions.defaults().withSeedDemoData(true))) {
            assertEquals(other.data().project(5000).orElseThrow().pathWithNamespace(),
                    emulator.data().project(5000).orElseThrow().pathWithNamespace());
            assertEquals(other.data().project(5000).orElseThrow().createdAt(),
                    emulator.data().project(5000).orElseThrow().createdAt());
        }
        api.get(token, "/projects/5000").then().body("path_with_namespace", equalTo("acme/backend"));
    }
}
