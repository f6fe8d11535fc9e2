package dev.gitlablink.emulator;

import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Groups, issues, merge requests and pipelines: shapes, scopes, states, ordering and 404s. */
class GitLabEmulatorWorkItemsTest {

    private static GitLabEmulator emulator;
    private static ApiTestClient api;
    private static String token;
    private static EmulatorUser dave;
    private static EmulatorProject app;
    private static EmulatorProject web;
    private static EmulatorProject hidden;
    private static EmulatorIssue i1;
    private static EmulatorIssue i2;
    private static EmulatorIssue i3;
    private static EmulatorIssue i4;
    private static EmulatorIssue i5;
    private static EmulatorMergeRequest m1;
    private static EmulatorMergeRequest m2;
    private static EmulatorMergeRequest m3;
    private static EmulatorMergeRequest m4;
    private static EmulatorMergeRequest m5;
    private static EmulatorPipeline p1;
    private static EmulatorPipeline p2;
    private static EmulatorPipeline p3;
    private static EmulatorPipeline p4;
    private static EmulatorGroup team;
    private static EmulatorGroup sub;
    private static EmulatorGroup open;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults());
        api = new ApiTestClient(emulator);
        dave = emulator.createUser("dave", "Dave Lister", "dave@example.test");
        EmulatorUser erin = emulator.createUser("erin", "Erin Other", "erin@example.test");
        EmulatorData data = emulator.data();
        team = data.createGroup("team", "Team");
        sub = data.createGroup("team/sub", "Sub Team");
        open = data.createGroup("open", "Open Source", "public");
        data.createGroup("closed", "Closed");
        data.addGroupMember(team.id(), dave.id(), EmulatorData.DEVELOPER);
        app = data.createProject("team", "app", "App");
        web = data.createProject("team", "web", "Web");
        EmulatorProject old = data.createProject("team", "old", "Old");
        data.archiveProject(old.id());
        hidden = data.createProject("erin", "private", "Private");

        long d = dave.id();
        long e = erin.id();
        i1 = data.createIssue(app.id(), d, "Login broken", List.of(e));
        i2 = data.createIssue(app.id(), e, "Slow search", List.of(d));
        i3 = data.createIssue(web.id(), e, "Typo on page", List.of(d));
        data.closeIssue(web.id(), i3.iid());
        i4 = data.createIssue(web.id(), d, "Old bug", List.of());
        data.closeIssue(web.id(), i4.iid());
        i5 = data.createIssue(old.id(), d, "Archived issue", List.of());
        data.createIssue(hidden.id(), e, "Hidden", List.of(d));

        m1 = data.createMergeRequest(app.id(), d, "Fix login", List.of(e), List.of(e));
        m2 = data.createMergeRequest(app.id(), e, "Speed up search", List.of(d), List.of());
        data.setMergeRequestState(app.id(), m2.iid(), "merged");
        m3 = data.createMergeRequest(web.id(), e, "Fix typo", List.of(), List.of(d));
        m4 = data.createMergeRequest(web.id(), e, "Abandoned", List.of(), List.of(d));
        data.setMergeRequestState(web.id(), m4.iid(), "closed");
        m5 = data.createMergeRequest(web.id(), d, "Locked one", List.of(), List.of());
        data.setMergeRequestState(web.id(), m5.iid(), "locked");

        p1 = data.createPipeline(app.id(), "main", "success");
        p2 = data.createPipeline(app.id(), "feature", "failed");
        p3 = data.createPipeline(app.id(), "main", "running");
        p4 = data.createPipeline(app.id(), "main", "success");
        token = api.token(dave, "read_api");
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    private static List<Long> ids(String path, Object... params) {
        Response response = api.get(token, path, params);
        response.then().statusCode(200);
        return ApiTestClient.ids(response);
    }

    @Test
    void groupsDefaultToMemberGroupsIncludingSubgroups() {
        assertEquals(List.of(sub.id(), team.id()), ids("/groups"), "ordered by name asc: Sub Team, Team");
        assertEquals(List.of(open.id(), sub.id(), team.id()), ids("/groups", "all_available", true));
        assertEquals(List.of(team.id(), sub.id()), ids("/groups", "sort", "desc"));
        assertEquals(List.of(team.id(), sub.id()), ids("/groups", "order_by", "id"));
        assertEquals(List.of(sub.id()), ids("/groups", "search", "SUB"));
        assertEquals(List.of(), ids("/groups", "min_access_level", 40));
        assertEquals(List.of(), ids("/groups", "owned", true));
        assertEquals(List.of(team.id()), ids("/groups", "top_level_only", true));
        api.get(token, "/groups", "order_by", "created_at").then().statusCode(400)
                .body("error", equalTo("order_by does not have a valid value"));
    }

    @Test
    void groupShape() {
        api.get(token, "/groups", "search", "sub").then().statusCode(200)
                .header("x-total", "1")
                .body("[0].name", equalTo("Sub Team"))
                .body("[0].path", equalTo("sub"))
                .body("[0].full_name", equalTo("Team / Sub Team"))
                .body("[0].full_path", equalTo("team/sub"))
                .body("[0].parent_id", equalTo((int) team.id()))
                .body("[0].visibility", equalTo("private"))
                .body("[0].web_url", equalTo(emulator.baseUrl() + "/groups/team/sub"))
                .body("[0].created_at", equalTo(ApiTimesFormat.of(sub.createdAt())));
    }

    @Test
    void issuesDefaultToCreatedByMeWithoutArchivedProjects() {
        assertEquals(List.of(i4.id(), i1.id()), ids("/issues"));
        assertEquals(List.of(i5.id(), i4.id(), i1.id()), ids("/issues", "non_archived", false));
        assertEquals(List.of(i3.id(), i2.id()), ids("/issues", "scope", "assigned_to_me"));
        assertEquals(List.of(i3.id(), i2.id()), ids("/issues", "scope", "assigned-to-me"));
        assertEquals(List.of(i2.id(), i1.id()), ids("/issues", "scope", "all", "state", "opened"));
        assertEquals(List.of(i4.id(), i3.id()), ids("/issues", "scope", "all", "state", "closed"));
        assertEquals(List.of(i1.id(), i2.id(), i3.id(), i4.id()), ids("/issues", "scope", "all", "sort", "asc"));
        assertEquals(List.of(i2.id()), ids("/issues", "scope", "all", "search", "SEARCH"));
        assertEquals(List.of(i4.id(), i3.id(), i2.id(), i1.id()), ids("/issues", "scope", "all", "order_by",
                "updated_at"));
        api.get(token, "/issues", "scope", "mine").then().statusCode(400)
                .body("error", equalTo("scope does not have a valid value"));
        api.get(token, "/issues", "state", "open").then().statusCode(400)
                .body("error", equalTo("state does not have a valid value"));
    }

    @Test
    void projectIssuesDefaultToAllScope() {
        assertEquals(List.of(i2.id(), i1.id()), ids("/projects/" + app.id() + "/issues"));
        assertEquals(List.of(i1.id()), ids("/projects/" + app.id() + "/issues", "scope", "created_by_me"));
        api.get(token, "/projects/" + hidden.id() + "/issues").then().statusCode(404)
                .body("message", equalTo("404 Project Not Found"));
        Response byPath = api.getRaw(token, emulator.baseUrl() + "/api/v4/projects/team%2Fapp/issues");
        assertEquals(List.of(i2.id(), i1.id()), ApiTestClient.ids(byPath));
        assertTrue(ApiTestClient.links(byPath).get("first").contains("id=team%2Fapp"), byPath.header("Link"));
    }

    @Test
    void issueShape() {
        api.get(token, "/projects/" + web.id() + "/issues", "state", "closed", "sort", "asc").then()
                .body("[0].id", equalTo((int) i3.id()))
                .body("[0].iid", equalTo(1))
                .body("[0].project_id", equalTo((int) web.id()))
                .body("[0].title", equalTo("Typo on page"))
                .body("[0].state", equalTo("closed"))
                .body("[0].closed_at", notNullValue())
                .body("[0].author.username", equalTo("erin"))
                .body("[0].assignees[0].username", equalTo("dave"))
                .body("[0].assignee.id", equalTo((int) dave.id()))
                .body("[0].labels.size()", equalTo(0))
                .body("[0].milestone", nullValue())
                .body("[0].confidential", equalTo(false))
                .body("[0].user_notes_count", equalTo(0))
                .body("[0].web_url", equalTo(emulator.baseUrl() + "/team/web/-/issues/1"))
                .body("[0].references.short", equalTo("#1"))
                .body("[0].references.relative", equalTo("#1"))
                .body("[0].references.full", equalTo("team/web#1"))
                .body("[0].created_at", equalTo(ApiTimesFormat.of(i3.createdAt())));
        api.get(token, "/projects/" + app.id() + "/issues", "sort", "asc").then()
                .body("[0].closed_at", nullValue()).body("[0].assignee.username", equalTo("erin"))
                .body("[1].iid", equalTo(2));
    }

    @Test
    void mergeRequestScopesAndStates() {
        assertEquals(List.of(m5.id(), m1.id()), ids("/merge_requests"));
        assertEquals(List.of(m2.id()), ids("/merge_requests", "scope", "assigned_to_me"));
        assertEquals(List.of(m4.id(), m3.id()), ids("/merge_requests", "scope", "reviews_for_me"));
        assertEquals(List.of(m3.id()), ids("/merge_requests", "scope", "reviews_for_me", "state", "opened"));
        assertEquals(List.of(m2.id()), ids("/merge_requests", "scope", "all", "state", "merged"));
        assertEquals(List.of(m5.id()), ids("/merge_requests", "scope", "all", "state", "locked"));
        assertEquals(List.of(m4.id()), ids("/merge_requests", "scope", "all", "state", "closed"));
        assertEquals(List.of(m2.id(), m1.id()), ids("/projects/" + app.id() + "/merge_requests"));
        assertEquals(List.of(m3.id()), ids("/merge_requests", "scope", "all", "search", "typo"));
        api.get(token, "/merge_requests", "state", "draft").then().statusCode(400)
                .body("error", equalTo("state does not have a valid value"));
        api.get(token, "/projects/" + hidden.id() + "/merge_requests").then().statusCode(404);
    }

    @Test
    void mergeRequestShape() {
        api.get(token, "/merge_requests", "scope", "all", "state", "merged").then()
                .body("[0].iid", equalTo(2))
                .body("[0].project_id", equalTo((int) app.id()))
                .body("[0].state", equalTo("merged"))
                .body("[0].merged_at", notNullValue())
                .body("[0].closed_at", nullValue())
                .body("[0].author.username", equalTo("erin"))
                .body("[0].assignees[0].username", equalTo("dave"))
                .body("[0].reviewers.size()", equalTo(0))
                .body("[0].source_branch", equalTo("feature-2"))
                .body("[0].target_branch", equalTo("main"))
                .body("[0].draft", equalTo(false))
                .body("[0].detailed_merge_status", equalTo("not_open"))
                .body("[0].merge_status", equalTo("can_be_merged"))
                .body("[0].sha", equalTo(m2.sha()))
                .body("[0].references.full", equalTo("team/app!2"))
                .body("[0].web_url", equalTo(emulator.baseUrl() + "/team/app/-/merge_requests/2"));
        api.get(token, "/merge_requests").then()
                .body("[1].detailed_merge_status", equalTo("mergeable"))
                .body("[1].reviewers[0].username", equalTo("erin"));
        Response simple = api.get(token, "/merge_requests", "view", "simple");
        assertEquals(List.of("id", "iid", "project_id", "title", "description", "state", "created_at", "updated_at",
                "web_url"), List.copyOf(simple.jsonPath().<String, Object>getMap("[0]").keySet()));
    }

    @Test
    void pipelinesFilterAndOrder() {
        String path = "/projects/" + app.id() + "/pipelines";
        assertEquals(List.of(p4.id(), p3.id(), p2.id(), p1.id()), ids(path));
        assertEquals(List.of(p1.id(), p2.id(), p3.id(), p4.id()), ids(path, "sort", "asc"));
        assertEquals(List.of(p4.id(), p1.id()), ids(path, "status", "success"));
        assertEquals(List.of(p2.id()), ids(path, "ref", "feature"));
        assertEquals(List.of(p4.id(), p2.id(), p1.id()), ids(path, "scope", "finished"));
        assertEquals(List.of(p3.id()), ids(path, "scope", "running"));
        assertEquals(List.of(p4.id(), p2.id()), ids(path, "scope", "branches"));
        assertEquals(List.of(), ids("/projects/" + web.id() + "/pipelines"));
        api.get(token, path, "status", "green").then().statusCode(400)
                .body("error", equalTo("status does not have a valid value"));
        api.get(token, "/projects/" + hidden.id() + "/pipelines").then().statusCode(404)
                .body("message", equalTo("404 Project Not Found"));
    }

    @Test
    void pipelineShape() {
        Response response = api.get(token, "/projects/" + app.id() + "/pipelines", "per_page", 1);

        assertEquals(List.of("id", "iid", "project_id", "sha", "ref", "status", "source", "created_at", "updated_at",
                "web_url", "name"), List.copyOf(response.jsonPath().<String, Object>getMap("[0]").keySet()));
        response.then().header("x-total", "4").header("x-total-pages", "4")
                .body("[0].id", equalTo((int) p4.id()))
                .body("[0].iid", equalTo(4))
                .body("[0].status", equalTo("success"))
                .body("[0].source", equalTo("push"))
                .body("[0].ref", equalTo("main"))
                .body("[0].sha", equalTo(p4.sha()))
                .body("[0].web_url", equalTo(emulator.baseUrl() + "/team/app/-/pipelines/" + p4.id()));
    }

    @Test
    void workItemListsArePaginated() {
        Response response = api.get(token, "/issues", "scope", "all", "per_page", 3);

        response.then().header("x-total", "4").header("x-total-pages", "2").header("x-next-page", "2");
        assertEquals(List.of("next", "first", "last"), ApiTestClient.rels(response));
        assertTrue(ApiTestClient.links(response).get("next").contains("non_archived=true"));
    }
}
