package dev.gitlablink.emulator;

import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/v4/projects} and {@code /projects/:id}: shapes, visibility, filters, ordering, scopes. */
class GitLabEmulatorProjectsTest {

    private static final List<String> SIMPLE_KEYS = List.of("id", "description", "name", "name_with_namespace",
            "path", "path_with_namespace", "created_at", "default_branch", "tag_list", "topics", "ssh_url_to_repo",
            "http_url_to_repo", "web_url", "readme_url", "forks_count", "avatar_url", "star_count",
            "last_activity_at", "namespace");

    private static GitLabEmulator emulator;
    private static ApiTestClient api;
    private static String token;
    private static EmulatorProject alpha;
    private static EmulatorProject beta;
    private static EmulatorProject gamma;
    private static EmulatorProject personal;
    private static EmulatorProject hidden;
    private static EmulatorProject publicOne;
    private static EmulatorProject reporterOnly;
    private static EmulatorProject internal;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults());
        api = new ApiTestClient(emulator);
        EmulatorUser dave = emulator.createUser("dave", "Dave Lister", "dave@example.test");
        EmulatorUser erin = emulator.createUser("erin", "Erin Other", "erin@example.test");
        EmulatorData data = emulator.data();
        EmulatorGroup acme = data.createGroup("acme", "Acme");
        data.createGroup("acme/sub", "Sub");
        EmulatorGroup other = data.createGroup("other", "Other");
        data.addGroupMember(acme.id(), dave.id(), EmulatorData.DEVELOPER);
        data.addGroupMember(other.id(), erin.id(), EmulatorData.OWNER);
        alpha = data.createProject("acme", "alpha", "Alpha");
        beta = data.createProject("acme", "beta", "Beta");
        data.archiveProject(beta.id());
        gamma = data.createProject("acme/sub", "gamma", "Gamma");
        personal = data.createProject("dave", "personal", "Personal");
        hidden = data.createProject("other", "delta", "Delta");
        publicOne = data.createProject("other", "public-one", "Public One");
        data.setVisibility(publicOne.id(), "public");
        reporterOnly = data.createProject("other", "reporter-proj", "Reporter Proj");
        data.addProjectMember(reporterOnly.id(), dave.id(), EmulatorData.REPORTER);
        internal = data.createProject("erin", "internal-proj", "Internal Proj");
        data.setVisibility(internal.id(), "internal");
        token = api.token(dave, "read_api");
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void listShowsMemberPublicAndInternalProjectsNewestFirst() {
        Response response = api.get(token, "/projects");

        response.then().statusCode(200).header("Content-Type", "application/json");
        assertEquals(List.of(internal.id(), reporterOnly.id(), publicOne.id(), personal.id(), gamma.id(),
                beta.id(), alpha.id()), ApiTestClient.ids(response));
    }

    @Test
    void membershipOwnedArchivedAndVisibilityFilters() {
        assertEquals(Set.of(alpha.id(), beta.id(), gamma.id(), personal.id(), reporterOnly.id()),
                Set.copyOf(ApiTestClient.ids(api.get(token, "/projects", "membership", true))));
        assertEquals(List.of(personal.id()), ApiTestClient.ids(api.get(token, "/projects", "owned", "true")));
        assertEquals(List.of(beta.id()), ApiTestClient.ids(api.get(token, "/projects", "archived", true)));
        assertFalse(ApiTestClient.ids(api.get(token, "/projects", "archived", false)).contains(beta.id()));
        assertEquals(List.of(publicOne.id()), ApiTestClient.ids(api.get(token, "/projects", "visibility", "public")));
    }

    @Test
    void minAccessLevelCountsGroupAndProjectMembership() {
        assertEquals(Set.of(alpha.id(), beta.id(), gamma.id(), personal.id()),
                Set.copyOf(ApiTestClient.ids(api.get(token, "/projects", "min_access_level", 30))));
        assertEquals(List.of(personal.id()), ApiTestClient.ids(api.get(token, "/projects", "min_access_level", 50)));
        assertEquals(5, ApiTestClient.ids(api.get(token, "/projects", "min_access_level", 10)).size());
    }

    @Test
    void searchMatchesNameOrPathCaseInsensitively() {
        assertEquals(List.of(alpha.id()), ApiTestClient.ids(api.get(token, "/projects", "search", "ALP")));
        assertEquals(List.of(reporterOnly.id()), ApiTestClient.ids(api.get(token, "/projects", "search", "proj",
                "membership", true)));
        assertEquals(List.of(), ApiTestClient.ids(api.get(token, "/projects", "search", "delta")));
    }

    @Test
    void orderBySortAndTieBreakers() {
        List<String> names = api.get(token, "/projects", "order_by", "name", "sort", "asc").jsonPath()
                .getList("name", String.class);
        assertEquals(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), names);
        List<Long> byIdAsc = ApiTestClient.ids(api.get(token, "/projects", "order_by", "id", "sort", "asc"));
        assertEquals(byIdAsc.stream().sorted().toList(), byIdAsc);
        assertEquals(List.of(reporterOnly.id(), publicOne.id(), personal.id(), internal.id(), gamma.id(), beta.id(),
                alpha.id()), ApiTestClient.ids(api.get(token, "/projects", "order_by", "path")));
        List<Long> byUpdated = ApiTestClient.ids(api.get(token, "/projects", "order_by", "updated_at"));
        assertEquals(internal.id(), byUpdated.get(0));
    }

    @Test
    void invalidParameterValuesAre400() {
        api.get(token, "/projects", "order_by", "stars").then().statusCode(400)
                .body("error", equalTo("order_by does not have a valid value"));
        api.get(token, "/projects", "sort", "up").then().statusCode(400)
                .body("error", equalTo("sort does not have a valid value"));
        api.get(token, "/projects", "visibility", "secret").then().statusCode(400)
                .body("error", equalTo("visibility does not have a valid value"));
        api.get(token, "/projects", "min_access_level", 35).then().statusCode(400)
                .body("error", equalTo("min_access_level does not have a valid value"));
        api.get(token, "/projects", "archived", "maybe").then().statusCode(400)
                .body("error", equalTo("archived is invalid"));
    }

    @Test
    void simpleProjectsHaveBasicProjectDetailsOnly() {
        Response response = api.get(token, "/projects", "simple", true, "search", "alpha");

        Map<String, Object> project = response.jsonPath().getMap("[0]");
        assertEquals(SIMPLE_KEYS, List.copyOf(project.keySet()), "BasicProjectDetails fields in GitLab's order");
        response.then()
                .body("[0].name_with_namespace", equalTo("Acme / Alpha"))
                .body("[0].path_with_namespace", equalTo("acme/alpha"))
                .body("[0].web_url", equalTo(emulator.baseUrl() + "/acme/alpha"))
                .body("[0].http_url_to_repo", equalTo(emulator.baseUrl() + "/acme/alpha.git"))
                .body("[0].ssh_url_to_repo", equalTo("git@127.0.0.1:acme/alpha.git"))
                .body("[0].namespace.kind", equalTo("group"))
                .body("[0].namespace.full_path", equalTo("acme"))
                .body("[0].namespace.web_url", equalTo(emulator.baseUrl() + "/groups/acme"))
                .body("[0].created_at", equalTo(ApiTimesFormat.of(alpha.createdAt())));
    }

    @Test
    void fullProjectsCarryArchivedVisibilityAndPermissions() {
        Response response = api.get(token, "/projects", "membership", true, "order_by", "id", "sort", "asc");

        response.then()
                .body("[0].id", equalTo((int) alpha.id()))
                .body("[0].archived", equalTo(false))
                .body("[0].visibility", equalTo("private"))
                .body("[0].open_issues_count", equalTo(0))
                .body("[0].permissions.project_access", nullValue())
                .body("[0].permissions.group_access.access_level", equalTo(30))
                .body("[1].archived", equalTo(true))
                .body("[2].namespace.full_path", equalTo("acme/sub"))
                .body("[2].name_with_namespace", equalTo("Acme / Sub / Gamma"))
                .body("[2].permissions.group_access.access_level", equalTo(30))
                .body("[3].namespace.kind", equalTo("user"))
                .body("[3].owner.username", equalTo("dave"))
                .body("[3].permissions.project_access.access_level", equalTo(50))
                .body("[4].permissions.project_access.access_level", equalTo(20))
                .body("[4].permissions.group_access", nullValue());
        List<String> keys = List.copyOf(response.jsonPath().<String, Object>getMap("[0]").keySet());
        assertEquals("permissions", keys.get(keys.size() - 1));
        assertTrue(keys.containsAll(SIMPLE_KEYS));
    }

    @Test
    void singleProjectByIdOrEncodedPath() {
        api.get(token, "/projects/" + alpha.id()).then().statusCode(200)
                .body("id", equalTo((int) alpha.id()))
                .body("permissions.group_access.access_level", equalTo(30));
        api.getRaw(token, emulator.baseUrl() + "/api/v4/projects/acme%2Fsub%2Fgamma").then().statusCode(200)
                .body("id", equalTo((int) gamma.id()));
        api.getRaw(token, emulator.baseUrl() + "/api/v4/projects/ACME%2Falpha").then().statusCode(200)
                .body("id", equalTo((int) alpha.id()));
        api.get(token, "/projects/" + publicOne.id()).then().statusCode(200);
    }

    @Test
    void missingOrInvisibleProjectIs404() {
        api.get(token, "/projects/" + hidden.id()).then().statusCode(404)
                .body("message", equalTo("404 Project Not Found"));
        api.getRaw(token, emulator.baseUrl() + "/api/v4/projects/other%2Fdelta").then().statusCode(404)
                .body("message", equalTo("404 Project Not Found"));
        api.get(token, "/projects/999999").then().statusCode(404).body("message", equalTo("404 Project Not Found"));
    }

    @Test
    void readUserTokenIsInsufficientScopeAndApiTokenWorks() {
        EmulatorUser frank = emulator.createUser("frank", "Frank", "frank@example.test");
        Response response = api.get(api.token(frank, "read_user"), "/projects");

        response.then().statusCode(403)
                .body("error", equalTo("insufficient_scope"))
                .body("scope", equalTo("api read_api"));
        assertNull(response.header("WWW-Authenticate"));
        api.get(api.token(frank, "api"), "/projects").then().statusCode(200);
        api.get(api.token(frank, "openid"), "/projects/" + alpha.id()).then().statusCode(403);
        EmulatorFlows.request().get(emulator.baseUrl() + "/api/v4/projects").then().statusCode(401)
                .body("message", equalTo("401 Unauthorized"));
    }
}
