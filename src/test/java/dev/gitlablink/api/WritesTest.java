package dev.gitlablink.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorIssue;
import dev.gitlablink.emulator.EmulatorMergeRequest;
import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SecondGitLab;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import dev.gitlablink.testsupport.WriteScopes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Writes to GitLab on the user's behalf: what the service sends GitLab (the emulator's request log and data), what it
 * refuses before sending, how GitLab's answers come back, the Idempotency-Key and the audit.
 */
@QuarkusTest
@TestProfile(WriteScopes.class)
@WithTestResource(LocalServicesResource.class)
class WritesTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    SecondGitLab second;

    @LocalServices
    TestSettings settings;

    SignedInUser user;
    EmulatorProject project;

    @BeforeEach
    void signIn() {
        user = SignedInUser.signIn(emulator, settings, "writer");
        project = emulator.data().createProject(user.gitLabUser().username(), "writes", "Writes");
        emulator.stats().reset();
    }

    @AfterEach
    void reset() {
        emulator.knobs().reset();
    }

    private RequestSpecification post() {
        return user.api().header("X-CSRF", "1").contentType("application/json");
    }

    private String issues() {
        return user.account() + "/projects/" + project.id() + "/issues";
    }

    private long posts() {
        return emulator.stats().apiRequests("POST", "/projects");
    }

    @Test
    void anIssueIsCreatedWith201AndALocationThatReadsIt() {
        Response created = post().body(Map.of("title", "Broken build", "description", "Steps:\n1. run\r\n2.\tsee",
                        "labels", List.of("bug", "ci"), "confidential", true))
                .when().post(issues())
                .then().statusCode(201)
                .body("title", equalTo("Broken build"))
                .body("labels", contains("bug", "ci"))
                .body("confidential", equalTo(true))
                .extract().response();

        List<EmulatorIssue> atGitLab = emulator.data().issuesOf(project.id());
        assertEquals(1, atGitLab.size());
        EmulatorIssue issue = atGitLab.getFirst();
        assertEquals("Steps:\n1. run\r\n2.\tsee", issue.description());
        assertEquals(List.of("bug", "ci"), issue.labels());
        assertTrue(issue.confidential());
        assertEquals(user.gitLabUser().id(), issue.authorId());
        String location = created.header("Location");
        assertEquals(issues() + "/" + issue.iid(), location);
        assertEquals(1, posts());
        user.api().when().get(location).then().statusCode(200).body("title", equalTo("Broken build"))
                .body("iid", equalTo((int) issue.iid()));
    }

    @Test
    void commentsOnAnIssueAndAMergeRequestAreCreatedWith201() {
        EmulatorIssue issue = emulator.data().createIssue(project.id(), user.gitLabUser().id(), "Bug", List.of());
        EmulatorMergeRequest mr = emulator.data().createMergeRequest(project.id(), user.gitLabUser().id(), "Fix",
                List.of(), List.of());

        Response onIssue = post().body(Map.of("body", "Seen it too.\nOn **main**."))
                .when().post(issues() + "/" + issue.iid() + "/notes")
                .then().statusCode(201).body("body", equalTo("Seen it too.\nOn **main**."))
                .body("noteableType", equalTo("issue")).body("noteableIid", equalTo((int) issue.iid()))
                .body("author.username", equalTo(user.gitLabUser().username()))
                .extract().response();
        long noteId = onIssue.jsonPath().getLong("id");
        assertEquals(issues() + "/" + issue.iid() + "#note_" + noteId, onIssue.header("Location"));

        String mrs = user.account() + "/projects/" + project.id() + "/merge-requests/" + mr.iid();
        Response onMr = post().body(Map.of("body", "LGTM"))
                .when().post(mrs + "/notes")
                .then().statusCode(201).body("noteableType", equalTo("merge_request")).extract().response();
        assertEquals(mrs + "#note_" + onMr.jsonPath().getLong("id"), onMr.header("Location"));
        user.api().when().get(mrs).then().statusCode(200).body("title", equalTo("Fix"));

        assertEquals(List.of("Issue", "MergeRequest"), emulator.data().notesOf(project.id()).stream()
                .map(note -> note.noteableType()).toList());
        assertEquals(1, emulator.stats().apiRequests("POST", "/projects/" + project.id() + "/issues/" + issue.iid()
                + "/notes"));
        assertEquals(1, emulator.stats().apiRequests("POST", "/projects/" + project.id() + "/merge_requests/"
                + mr.iid() + "/notes"));
    }

    @Test
    void invalidContentIsRefusedWithFieldErrorsAndGitLabIsNotCalled() {
        post().body(Map.of("title", "")).when().post(issues()).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body("errors.field", contains("title"));
        post().body(Map.of("title", "x".repeat(256))).when().post(issues()).then().statusCode(400)
                .body("errors.field", contains("title"));
        post().body(Map.of("title", "a\nb")).when().post(issues()).then().statusCode(400)
                .body("errors.field", contains("title"));
        post().body(Map.of("title", "ok", "description", "x".repeat(1_000_001))).when().post(issues())
                .then().statusCode(400).body("errors.field", contains("description"));
        post().body(Map.of("title", "bell\u0007")).when().post(issues()).then().statusCode(400)
                .body("errors.field", contains("title"));
        post().body(Map.of("title", "ok", "description", "a\rb")).when().post(issues()).then().statusCode(400)
                .body("errors.field", contains("description"));
        post().body(Map.of("title", "ok", "labels", List.of("a,b"))).when().post(issues()).then().statusCode(400)
                .body("errors.field", contains("labels"));
        post().body(Map.of("title", "ok", "description", "Done.\n/close")).when().post(issues())
                .then().statusCode(400).body("errors.field", contains("description"));
        post().body("{\"title\":\"\",\"description\":\"\\u0000\"}").when().post(issues()).then().statusCode(400)
                .body("errors.field", hasItems("title", "description"));
        post().body(Map.of("body", "/merge")).when().post(issues() + "/1/notes").then().statusCode(400)
                .body("errors.field", contains("body")).body("errors[0].message", startsWith("has a line starting"));
        post().body(Map.of("body", "")).when().post(issues() + "/1/notes").then().statusCode(400)
                .body("errors.field", contains("body"));
        post().body(Map.of("body", "y".repeat(1_000_001))).when().post(user.account() + "/projects/"
                + project.id() + "/merge-requests/1/notes").then().statusCode(400).body("errors.field", contains("body"));

        assertEquals(0, emulator.stats().apiRequests(), "nothing reached GitLab");
    }

    @Test
    void badPathValuesAndOtherUsersAccountsAreRefusedBeforeGitLab() {
        for (String iid : List.of("0", "-1", "abc", "1" + "0".repeat(18))) {
            post().body(Map.of("body", "hello")).when().post(issues() + "/" + iid + "/notes").then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("errors.field", contains("iid"));
        }
        SignedInUser other = SignedInUser.signIn(emulator, settings, "not-mine");
        emulator.stats().reset();
        other.api().header("X-CSRF", "1").contentType("application/json").body(Map.of("title", "Theirs"))
                .when().post(issues()).then().statusCode(404).body("code", equalTo("account_not_found"));
        post().body("[1,2]").when().post(issues()).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation_failed")).body("errors.field", contains("requestBody"));
        post().body("{\"title\":").when().post(issues()).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"));
        post().contentType("text/plain").body("title").when().post(issues()).then().statusCode(415)
                .body("code", equalTo("unsupported_media_type"));
        assertEquals(0, emulator.stats().apiRequests(), "nothing reached GitLab");
        user.api().when().get("/api/audit").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void quickActionsRunOnlyWhenAllowedAndACommandOnlyCommentAnswers202WithoutANote() {
        EmulatorIssue issue = emulator.data().createIssue(project.id(), user.gitLabUser().id(), "Bug", List.of());
        Response answer = post().body(Map.of("body", "/close", "allowQuickActions", true))
                .when().post(issues() + "/" + issue.iid() + "/notes")
                .then().statusCode(202).body("commandsApplied", equalTo(true)).extract().response();
        assertEquals(null, answer.header("Location"));
        assertEquals(List.of(), emulator.data().notesOf(project.id()));
        assertEquals(1, posts());
    }

    @Test
    void gitLabsValidationErrorsBecomeFieldErrors() {
        emulator.knobs().refuseNextWrite(422, "title", "has already been taken");
        post().body(Map.of("title", "Duplicate")).when().post(issues()).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation_failed"))
                .body("errors[0].field", equalTo("title"))
                .body("errors[0].message", equalTo("has already been taken"));

        EmulatorIssue issue = emulator.data().createIssue(project.id(), user.gitLabUser().id(), "Bug", List.of());
        emulator.knobs().refuseNextWrite(400, "note", "is spam");
        post().body(Map.of("body", "Buy now")).when().post(issues() + "/" + issue.iid() + "/notes")
                .then().statusCode(400).body("errors[0].field", equalTo("body"))
                .body("errors[0].message", equalTo("is spam"));
        assertEquals(2, posts());
    }

    @Test
    void gitLabsNotFoundAndForbiddenMapAsForReads() {
        post().body(Map.of("body", "hello")).when().post(issues() + "/999/notes").then().statusCode(404)
                .body("code", equalTo("not_found"));
        emulator.data().archiveProject(project.id());
        post().body(Map.of("title", "t")).when().post(issues()).then().statusCode(403)
                .body("code", equalTo("gitlab_forbidden"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstIssue() {
        String key = UUID.randomUUID().toString();
        Response first = post().header("Idempotency-Key", key).body(Map.of("title", "Once"))
                .when().post(issues()).then().statusCode(201).extract().response();
        Response again = post().header("Idempotency-Key", key).body(Map.of("title", "Once"))
                .when().post(issues()).then().statusCode(201).extract().response();

        assertEquals(first.asString(), again.asString());
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(1, emulator.data().issuesOf(project.id()).size(), "GitLab created one issue");
        assertEquals(1, posts());

        post().header("Idempotency-Key", key).body(Map.of("title", "Twice")).when().post(issues())
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("idempotency_key_reused"));
        assertEquals(1, posts());
        post().header("Idempotency-Key", "not a key!").body(Map.of("title", "Once")).when().post(issues())
                .then().statusCode(400).body("errors.field", contains("Idempotency-Key"));
    }

    @Test
    void theSameKeyFromAnotherUserIsAnotherRequest() {
        String key = UUID.randomUUID().toString();
        post().header("Idempotency-Key", key).body(Map.of("title", "Mine")).when().post(issues())
                .then().statusCode(201);
        SignedInUser other = SignedInUser.signIn(emulator, settings, "other-writer");
        EmulatorProject theirs = emulator.data().createProject(other.gitLabUser().username(), "w", "W");
        other.api().header("X-CSRF", "1").contentType("application/json").header("Idempotency-Key", key)
                .body(Map.of("title", "Theirs")).when()
                .post(other.account() + "/projects/" + theirs.id() + "/issues").then().statusCode(201)
                .body("title", equalTo("Theirs"));
    }

    @Test
    void aConcurrentDuplicateIsRefusedWith409() throws Exception {
        emulator.knobs().latency(Duration.ofSeconds(3));
        String key = UUID.randomUUID().toString();
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> post()
                .header("Idempotency-Key", key).body(Map.of("title", "Slow")).when().post(issues()));
        // The first request is at GitLab (whose answer takes 3 s) when the second comes: its key is in flight.
        Thread.sleep(1000);
        post().header("Idempotency-Key", key).body(Map.of("title", "Slow")).when().post(issues())
                .then().statusCode(409).body("code", equalTo("idempotency_key_in_flight"));
        assertEquals(201, first.get().statusCode());
        assertEquals(1, emulator.data().issuesOf(project.id()).size());
    }

    @Test
    void aWriteIsNotRetriedAfterAServerError() {
        emulator.knobs().failNext(1, 500);
        post().body(Map.of("title", "Maybe")).when().post(issues()).then().statusCode(502)
                .body("code", equalTo("gitlab_unavailable"));
        assertEquals(1, posts(), "one POST: GitLab may have acted on it");

        emulator.knobs().failNext(1, 503);
        post().body(Map.of("body", "hi")).when().post(issues() + "/1/notes").then().statusCode(502);
        assertEquals(2, posts());

        // A read with the same fault is retried (the contrast that shows the write path bypasses the retry).
        emulator.knobs().failNext(1, 500);
        user.api().when().get(user.account() + "/projects/" + project.id()).then().statusCode(200);
        assertEquals(2, emulator.stats().apiRequests("GET", "/projects/" + project.id()));
    }

    @Test
    void aWriteRefusedWith401IsSentAgainOnceAfterARefresh() {
        emulator.knobs().expireAccessTokens(user.gitLabUser().id());
        post().body(Map.of("title", "After refresh")).when().post(issues()).then().statusCode(201);
        assertEquals(2, posts(), "the 401 did nothing at GitLab, so the write went again with the new token");
        assertEquals(1, emulator.data().issuesOf(project.id()).size());
        assertEquals(1, emulator.stats().refreshes(user.gitLabUser().id()));
    }

    @Test
    void anAccountWithoutTheApiScopeIsRefusedBeforeGitLabIsCalled() {
        SignedInUser reader = SignedInUser.signIn(second.emulator(), settings, "reader", SecondGitLab.INSTANCE_ID);
        EmulatorProject theirs = second.emulator().data().createProject(reader.gitLabUser().username(), "r", "R");
        second.emulator().stats().reset();

        reader.api().header("X-CSRF", "1").contentType("application/json").body(Map.of("title", "No"))
                .when().post(reader.account() + "/projects/" + theirs.id() + "/issues")
                .then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("gitlab_insufficient_scope"))
                .body("requiredScopes", contains("api"))
                .body("stepUpUrl", org.hamcrest.Matchers.matchesPattern("/stepup/start/[A-Za-z0-9_-]+"));
        reader.api().header("X-CSRF", "1").contentType("application/json").body(Map.of("body", "No"))
                .when().post(reader.account() + "/projects/" + theirs.id() + "/merge-requests/1/notes")
                .then().statusCode(403).body("requiredScopes", contains("api"));
        assertEquals(0, second.emulator().stats().apiRequests(), "GitLab was not called");
        assertEquals(List.of(), second.emulator().data().issuesOf(theirs.id()));
        reader.api().when().get("/api/audit").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void theAuditListsEveryWriteNewestFirstWithGitLabsAnswer() {
        EmulatorIssue issue = emulator.data().createIssue(project.id(), user.gitLabUser().id(), "Bug", List.of());
        long createdIid = post().body(Map.of("title", "Audited")).when().post(issues())
                .then().statusCode(201).extract().jsonPath().getLong("iid");
        post().body(Map.of("body", "a secret comment")).when().post(issues() + "/" + issue.iid() + "/notes")
                .then().statusCode(201);
        emulator.knobs().failNext(1, 500);
        post().body(Map.of("title", "Failed")).when().post(issues()).then().statusCode(502);

        Response audit = user.api().when().get("/api/audit").then().statusCode(200)
                .body("items.kind", contains("issue", "issue_note", "issue"))
                .body("items.outcome", contains("failed", "created", "created"))
                .body("items.gitlabStatus", contains(500, 201, 201))
                .body("items[1].iid", equalTo((int) issue.iid()))
                .body("items[1].summary", equalTo("comment of 16 characters"))
                .body("items[2].summary", equalTo("Audited"))
                .body("items[2].createdIid", equalTo((int) createdIid))
                .body("items.accountId", hasItem(user.accountId()))
                .body("items[0].project", equalTo(String.valueOf(project.id())))
                .body("page.total", equalTo(3))
                .extract().response();
        assertTrue(!audit.asString().contains("a secret comment"), "no comment bodies in the audit");

        user.api().queryParam("perPage", 1).queryParam("page", 2).when().get("/api/audit").then().statusCode(200)
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""))
                .body("items.outcome", contains("created")).body("page.nextPage", equalTo(3))
                .body("page.prevPage", equalTo(1));
        user.api().queryParam("perPage", 0).when().get("/api/audit").then().statusCode(400);

        SignedInUser other = SignedInUser.signIn(emulator, settings, "auditless");
        other.api().when().get("/api/audit").then().statusCode(200).body("items", org.hamcrest.Matchers.empty())
                .body("page.nextPage", nullValue());
    }
}
