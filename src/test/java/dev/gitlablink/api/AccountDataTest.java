package dev.gitlablink.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorData;
import dev.gitlablink.emulator.EmulatorGroup;
import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Every GitLab data endpoint through the emulator: shapes, filters and paging. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AccountDataTest {

    static final int PROJECTS = 45;

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    SignedInUser user;
    EmulatorGroup group;
    List<EmulatorProject> projects;

    @BeforeEach
    void seed() {
        user = SignedInUser.signIn(emulator, settings, "data");
        EmulatorData data = emulator.data();
        group = data.createGroup("grp-" + UUID.randomUUID().toString().substring(0, 8), "Data Group");
        data.addGroupMember(group.id(), user.gitLabUser().id(), EmulatorData.DEVELOPER);
        projects = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            projects.add(data.createProject(group.fullPath(), "project-" + i, "Project " + i));
        }
    }

    @Test
    void user() {
        user.api().when().get(user.account() + "/user").then().statusCode(200)
                .body("id", equalTo((int) user.gitLabUser().id()))
                .body("username", equalTo(user.gitLabUser().username()))
                .body("avatarUrl", notNullValue())
                .body("$", not(hasKey("avatar_url")));
    }

    @Test
    void projectPagesToTheLastPage() {
        Response first = user.api().queryParam("perPage", 20).when().get(user.account() + "/projects");
        first.then().statusCode(200)
                .body("items", hasSize(20))
                .body("page.page", equalTo(1))
                .body("page.perPage", equalTo(20))
                .body("page.total", equalTo(PROJECTS))
                .body("page.totalPages", equalTo(3))
                .body("page.nextPage", equalTo(2))
                .body("page.prevPage", nullValue())
                .body("items[0].fullPath", containsString(group.fullPath() + "/"))
                .body("items[0]", not(hasKey("path_with_namespace")));
        String link = first.header("Link");
        assertTrue(link.contains("page=2") && link.contains("rel=\"next\""), link);
        assertTrue(link.contains("rel=\"last\"") && link.contains("page=3"), link);
        assertTrue(link.startsWith("</api/accounts/" + user.accountId() + "/projects?"), link);

        Response last = user.api().queryParam("perPage", 20).queryParam("page", 3)
                .when().get(user.account() + "/projects");
        last.then().statusCode(200)
                .body("items", hasSize(5))
                .body("page.nextPage", nullValue())
                .body("page.prevPage", equalTo(2));
        assertTrue(!last.header("Link").contains("rel=\"next\""), last.header("Link"));
    }

    @Test
    void projectSearchAndOrder() {
        user.api().queryParam("search", "Project 4").queryParam("orderBy", "name").queryParam("sort", "asc")
                .when().get(user.account() + "/projects")
                .then().statusCode(200)
                .body("items.name", equalTo(List.of("Project 4", "Project 40", "Project 41", "Project 42",
                        "Project 43", "Project 44")));
    }

    @Test
    void totalsAreLeftOutAboveTenThousandRows() {
        SignedInUser big = SignedInUser.signIn(emulator, settings, "big");
        emulator.data().generateProjects(big.gitLabUser().id(),
                "bulk-" + UUID.randomUUID().toString().substring(0, 8), 10_050);

        big.api().queryParam("perPage", 100).when().get(big.account() + "/projects")
                .then().statusCode(200)
                .body("items", hasSize(100))
                .body("page", not(hasKey("total")))
                .body("page", not(hasKey("totalPages")))
                .body("page.nextPage", equalTo(2));
    }

    @Test
    void keysetWalkVisitsEveryProjectOnce() {
        List<Integer> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = user.api().queryParam("perPage", 20);
            request = cursor == null ? request.queryParam("pagination", "keyset") : request.queryParam("cursor", cursor);
            JsonPath page = request.when().get(user.account() + "/projects").then().statusCode(200)
                    .body("page", not(hasKey("total")))
                    .extract().jsonPath();
            ids.addAll(page.getList("items.id", Integer.class));
            cursor = page.getString("page.nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(PROJECTS, ids.size(), ids.toString());
        assertEquals(ids.stream().sorted().distinct().toList(), ids, "ascending ids, no repeats");
    }

    @Test
    void oneProjectByIdAndByPath() {
        EmulatorProject project = projects.get(7);
        user.api().when().get(user.account() + "/projects/" + project.id()).then().statusCode(200)
                .body("id", equalTo((int) project.id()))
                .body("fullPath", equalTo(project.pathWithNamespace()));
        user.api().urlEncodingEnabled(false)
                .when().get(user.account() + "/projects/" + project.pathWithNamespace().replace("/", "%2F"))
                .then().statusCode(200)
                .body("id", equalTo((int) project.id()));
        user.api().when().get(user.account() + "/projects/999999999").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("not_found"));
    }

    @Test
    void aRenamedProjectIsFoundByItsOldPath() {
        EmulatorProject before = projects.get(8);
        emulator.data().createIssue(before.id(), user.gitLabUser().id(), "Still here", List.of());
        EmulatorProject after = emulator.data().renameProjectPath(before.id(), "renamed-8");
        String oldPath = before.pathWithNamespace().replace("/", "%2F");

        user.api().urlEncodingEnabled(false).when().get(user.account() + "/projects/" + oldPath)
                .then().statusCode(200)
                .body("id", equalTo((int) before.id()))
                .body("fullPath", equalTo(after.pathWithNamespace()));
        user.api().urlEncodingEnabled(false).when().get(user.account() + "/projects/" + oldPath + "/issues")
                .then().statusCode(200)
                .body("items.title", equalTo(List.of("Still here")));
        user.api().urlEncodingEnabled(false)
                .when().get(user.account() + "/projects/" + group.fullPath() + "%2Fnever-existed")
                .then().statusCode(404)
                .body("code", equalTo("not_found"));
    }

    @Test
    void groups() {
        user.api().when().get(user.account() + "/groups").then().statusCode(200)
                .body("items.fullPath", hasItem(group.fullPath()))
                .body("page.total", equalTo(1));
    }

    @Test
    void issuesAcrossProjectsByScopeAndState() {
        EmulatorUser colleague = emulator.createUser("colleague-" + UUID.randomUUID().toString().substring(0, 8),
                "Colleague", "colleague@example.test");
        long me = user.gitLabUser().id();
        long projectId = projects.get(0).id();
        emulator.data().createIssue(projectId, me, "mine, open", List.of());
        emulator.data().createIssue(projectId, colleague.id(), "assigned to me", List.of(me));
        var closed = emulator.data().createIssue(projectId, colleague.id(), "assigned to me, closed", List.of(me));
        emulator.data().closeIssue(projectId, closed.iid());

        user.api().queryParam("scope", "assigned_to_me").queryParam("state", "opened")
                .when().get(user.account() + "/issues").then().statusCode(200)
                .body("items.title", equalTo(List.of("assigned to me")))
                .body("items[0].assignees[0].username", equalTo(user.gitLabUser().username()))
                .body("items[0].reference", containsString("#"));
        user.api().queryParam("scope", "assigned_to_me").queryParam("state", "all")
                .when().get(user.account() + "/issues").then().statusCode(200)
                .body("items", hasSize(2));
        user.api().when().get(user.account() + "/issues").then().statusCode(200)
                .body("items.title", equalTo(List.of("mine, open")));
        user.api().queryParam("state", "closed")
                .when().get(user.account() + "/projects/" + projectId + "/issues").then().statusCode(200)
                .body("items.title", equalTo(List.of("assigned to me, closed")))
                .body("items.state", everyItem(equalTo("closed")));
    }

    @Test
    void mergeRequestsWaitingForMyReview() {
        EmulatorUser colleague = emulator.createUser("author-" + UUID.randomUUID().toString().substring(0, 8),
                "Author", "author@example.test");
        long me = user.gitLabUser().id();
        long projectId = projects.get(1).id();
        emulator.data().createMergeRequest(projectId, colleague.id(), "please review", List.of(), List.of(me));
        emulator.data().createMergeRequest(projectId, colleague.id(), "not mine", List.of(), List.of());
        var merged = emulator.data().createMergeRequest(projectId, colleague.id(), "reviewed, merged", List.of(),
                List.of(me));
        emulator.data().setMergeRequestState(projectId, merged.iid(), "merged");

        user.api().queryParam("scope", "reviews_for_me").queryParam("state", "opened")
                .when().get(user.account() + "/merge-requests").then().statusCode(200)
                .body("items.title", equalTo(List.of("please review")))
                .body("items[0].reviewers[0].username", equalTo(user.gitLabUser().username()))
                .body("items[0].author.username", equalTo(colleague.username()));
        user.api().queryParam("state", "merged")
                .when().get(user.account() + "/projects/" + projectId + "/merge-requests").then().statusCode(200)
                .body("items.title", equalTo(List.of("reviewed, merged")));
    }

    @Test
    void projectPipelinesPage() {
        long projectId = projects.get(2).id();
        for (int i = 0; i < 25; i++) {
            emulator.data().createPipeline(projectId, "main", i % 5 == 0 ? "failed" : "success");
        }

        user.api().queryParam("perPage", 10).queryParam("page", 3)
                .when().get(user.account() + "/projects/" + projectId + "/pipelines").then().statusCode(200)
                .body("items", hasSize(5))
                .body("page.total", equalTo(25))
                .body("page.nextPage", nullValue())
                .body("items[0].ref", equalTo("main"));
        user.api().queryParam("status", "failed")
                .when().get(user.account() + "/projects/" + projectId + "/pipelines").then().statusCode(200)
                .body("items", hasSize(5))
                .body("items.status", everyItem(equalTo("failed")));
    }
}
