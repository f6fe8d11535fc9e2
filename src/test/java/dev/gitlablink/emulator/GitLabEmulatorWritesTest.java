package dev.gitlablink.emulator;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

/** The write endpoints as GitLab answers them (docs/gitlab-writes.md): scopes, 201 shapes, 202, validation bodies. */
class GitLabEmulatorWritesTest {

    private static GitLabEmulator emulator;
    private static ApiTestClient api;
    private static String writer;
    private static String reader;
    private static EmulatorUser kim;
    private static EmulatorProject project;
    private static EmulatorIssue issue;
    private static EmulatorMergeRequest mr;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults());
        api = new ApiTestClient(emulator);
        kim = emulator.createUser("kim", "Kim Writer", "kim@example.test");
        project = emulator.data().createProject("kim", "notes", "Notes");
        issue = emulator.data().createIssue(project.id(), kim.id(), "Bug", List.of());
        mr = emulator.data().createMergeRequest(project.id(), kim.id(), "Fix", List.of(), List.of());
        writer = api.token(kim, "api");
        reader = api.token(kim, "read_api");
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    private static RequestSpecification as(String token) {
        return EmulatorFlows.request().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    private static String url(String path) {
        return emulator.baseUrl() + "/api/v4/projects/" + project.id() + path;
    }

    @Test
    void readApiCannotPostAndGetsInsufficientScopeWithoutAChallenge() {
        var answer = as(reader).body(Map.of("title", "No")).post(url("/issues"));
        assertEquals(403, answer.statusCode());
        assertEquals("insufficient_scope", answer.jsonPath().getString("error"));
        assertEquals("api", answer.jsonPath().getString("scope"));
        assertEquals(null, answer.header("WWW-Authenticate"));
        as(reader).body(Map.of("body", "No")).post(url("/issues/" + issue.iid() + "/notes")).then().statusCode(403)
                .body("scope", equalTo("ai_workflows api"));
    }

    @Test
    void anIssueIsCreatedWithTheIssueEntity() {
        as(writer).body(Map.of("title", "New one", "description", "Text\n/label ~bug", "labels", "a, b",
                        "confidential", true))
                .post(url("/issues")).then().statusCode(201)
                .body("title", equalTo("New one")).body("description", equalTo("Text\n"))
                .body("labels", equalTo(List.of("a", "b"))).body("confidential", equalTo(true))
                .body("author.username", equalTo("kim")).body("project_id", equalTo((int) project.id()));
        as(writer).body(Map.of("description", "x")).post(url("/issues")).then().statusCode(400)
                .body("error", equalTo("title is missing"));
        as(writer).body(Map.of("title", "x".repeat(256))).post(url("/issues")).then().statusCode(400)
                .body("message.title[0]", equalTo("is too long (maximum is 255 characters)"));
    }

    @Test
    void notesAreCreatedAndOnlyQuickActionsAnswer202WithoutANote() {
        int before = emulator.data().notesOf(project.id()).size();
        as(writer).body(Map.of("body", "Hello")).post(url("/issues/" + issue.iid() + "/notes")).then()
                .statusCode(201).body("body", equalTo("Hello")).body("noteable_type", equalTo("Issue"))
                .body("noteable_iid", equalTo((int) issue.iid())).body("system", equalTo(false));
        as(writer).body(Map.of("body", "Merge me")).post(url("/merge_requests/" + mr.iid() + "/notes")).then()
                .statusCode(201).body("noteable_type", equalTo("MergeRequest"));
        as(writer).body(Map.of("body", "/close\n/label ~done")).post(url("/issues/" + issue.iid() + "/notes"))
                .then().statusCode(202).body("summary[0]", equalTo("Commands applied")).body("id", nullValue());
        assertEquals(before + 2, emulator.data().notesOf(project.id()).size());
        as(writer).body(Map.of("body", "y".repeat(1_000_001))).post(url("/issues/" + issue.iid() + "/notes"))
                .then().statusCode(400).body("message", equalTo(
                        "Note {:note=>[\"is too long (maximum is 1000000 characters)\"]}"));
        as(writer).body(Map.of("body", "x")).post(url("/issues/999/notes")).then().statusCode(404)
                .body("message", equalTo("404 Issue Not Found"));
    }

    @Test
    void aWriteRefusalKnobAnswersGitLabsValidationBodyOnce() {
        emulator.knobs().refuseNextWrite(422, "title", "has already been taken");
        as(writer).body(Map.of("title", "Dup")).post(url("/issues")).then().statusCode(422)
                .body("message.title[0]", equalTo("has already been taken"));
        as(writer).body(Map.of("title", "Dup")).post(url("/issues")).then().statusCode(201);
        assertTrue(emulator.stats().apiRequests("POST", "/projects/" + project.id() + "/issues") >= 2);
    }
}
