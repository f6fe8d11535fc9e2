package dev.gitlablink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LinkFlow;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.BurstLimits;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.NoTokens;
import dev.gitlablink.testsupport.RawHttp;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.StoredState;
import dev.gitlablink.testsupport.TestSettings;
import dev.gitlablink.testsupport.WriteScopes;
import dev.gitlablink.web.PathSpellings.Spelling;
import dev.gitlablink.web.RegisteredRoutes.Route;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Every registered route, spelled every way a router and a filter might read differently: a state-changing route
 * never changes anything without the anti-CSRF header, a read never answers data without {@code no-store}, matrix
 * parameters are refused with a 400 problem, and nothing answers 5xx or a token. The table is built from the
 * running application's routes, so a route added later is covered without editing this test. One session sends
 * them all, far beyond a person's rate, so the per-session limits are set out of the way ({@link BurstLimits}).
 */
@QuarkusTest
@TestProfile(PathSpellingTest.Quiet.class)
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PathSpellingTest {

    static final String PROBLEM = "application/problem+json";

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    StoredState storedState;

    /** Signed in, with one GitLab project to read. */
    record Subject(SignedInUser user, Map<String, String> pathValues) {
    }

    /** What a state-changing request could change: the session, the linked accounts, the grants at GitLab. */
    record ServiceState(int sessionStatus, List<String> accountIds, long revocations, Map<String, Long> tokenRequests,
            Map<String, Long> rows) {
    }

    /** Bodies of the routes that need one to succeed, so only the missing header can be what refuses them. */
    private static final String INSTANCE_BODY = "{\"instance\":\"" + LinkFlow.DEFAULT_INSTANCE + "\"}";
    private static final String PROJECT = "POST /api/accounts/{accountId}/projects/{projectId}";
    private static final String NOTE_BODY = "{\"body\":\"Spelled\"}";
    private static final Map<String, String> BODIES = Map.of("POST /api/links", INSTANCE_BODY,
            "POST /api/links/device", INSTANCE_BODY,
            PROJECT + "/issues", "{\"title\":\"Spelled\"}",
            PROJECT + "/issues/{iid}/notes", NOTE_BODY,
            PROJECT + "/merge-requests/{iid}/notes", NOTE_BODY,
            // The Quiet profile's sign-in scopes, all granted: a refresh asking for exactly them.
            "POST /api/accounts/{accountId}/scopes",
            "{\"scopes\":[\"openid\",\"profile\",\"email\",\"read_user\",\"read_api\",\"api\"]}");

    /**
     * The burst limits, and the device-link poller out of the way: a device link the control case starts would
     * otherwise poll GitLab's token endpoint during later cases, and the state snapshot counts token requests.
     */
    public static class Quiet extends BurstLimits {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(BurstLimits.SETTINGS);
            settings.put("DEVICE_LINK_POLL_EVERY", "24h");
            // Accounts granted api, so the write routes' control case can write.
            settings.putAll(WriteScopes.SETTINGS);
            return settings;
        }
    }

    @TestFactory
    Stream<DynamicNode> stateChangingRoutesChangeNothingWithoutTheAntiCsrfHeaderHoweverSpelled() {
        return RegisteredRoutes.all(settings).stream().filter(Route::changesState).map(route -> {
            Subject subject = subject("unsafe");
            String path = route.fill(subject.pathValues());
            List<DynamicNode> cases = new ArrayList<>();
            cases.add(DynamicTest.dynamicTest("as registered", () -> assertChangesNothing(route, subject, path)));
            for (Spelling spelling : PathSpellings.of(path)) {
                cases.add(DynamicTest.dynamicTest(spelling.toString(),
                        () -> assertChangesNothing(route, subject, spelling.target())));
            }
            cases.add(DynamicTest.dynamicTest("control: with the header it does change state",
                    () -> assertTheHeaderMakesItWork(route, subject)));
            return DynamicContainer.dynamicContainer(route.toString(), cases);
        });
    }

    @TestFactory
    Stream<DynamicNode> readsNeverAnswerWithoutNoStoreHoweverSpelled() {
        Subject subject = subject("reads");
        return RegisteredRoutes.all(settings).stream().filter(route -> !route.changesState()).map(route -> {
            String path = route.fill(subject.pathValues());
            List<DynamicNode> cases = new ArrayList<>();
            cases.add(DynamicTest.dynamicTest("as registered", () -> assertSafeRead(route, subject, path, true)));
            for (Spelling spelling : PathSpellings.of(path)) {
                cases.add(DynamicTest.dynamicTest(spelling.toString(),
                        () -> assertSafeRead(route, subject, spelling.target(), false)));
            }
            return DynamicContainer.dynamicContainer(route.toString(), cases);
        });
    }

    @TestFactory
    Stream<DynamicNode> withoutASessionEveryApiRouteIsA401ProblemAndNoSpellingGetsIn() {
        Subject subject = subject("anonymous");
        return RegisteredRoutes.all(settings).stream().filter(route -> route.api() && !route.publicApi()).map(route -> {
            String path = route.fill(subject.pathValues());
            List<DynamicNode> cases = new ArrayList<>();
            cases.add(DynamicTest.dynamicTest("as registered", () -> {
                RawHttp.Answer answer = send(route, path, List.of("X-CSRF: 1"));
                assertEquals(401, answer.status(), answer.toString());
                assertEquals(PROBLEM, answer.header("content-type"), answer.toString());
                assertTrue(answer.body().contains("\"code\":\"not_authenticated\""), answer.toString());
                assertNull(answer.header("location"), "a 401, never a redirect to GitLab: " + answer);
            }));
            for (Spelling spelling : PathSpellings.of(path)) {
                cases.add(DynamicTest.dynamicTest(spelling.toString(), () -> {
                    RawHttp.Answer answer = send(route, spelling.target(), List.of("X-CSRF: 1"));
                    assertTrue(answer.status() >= 400 && answer.status() < 500, spelling + " -> " + answer);
                    assertNoTokens(subject, answer);
                }));
            }
            return DynamicContainer.dynamicContainer(route.toString(), cases);
        });
    }

    private void assertChangesNothing(Route route, Subject subject, String target) {
        ServiceState before = state(subject.user());
        RawHttp.Answer answer = send(route, target, List.of(cookie(subject.user())));
        assertTrue(answer.status() < 500, target + " -> " + answer);
        assertFalse(answer.status() >= 200 && answer.status() < 300,
                "a state-changing request without the anti-CSRF header succeeded: " + target + " -> " + answer);
        if (target.indexOf(';') >= 0) {
            assertMatrixRefused(target, answer);
        }
        assertNoTokens(subject, answer);
        assertEquals(before, state(subject.user()), "state changed by " + route.method() + " " + target);
    }

    private void assertTheHeaderMakesItWork(Route route, Subject subject) {
        ServiceState before = state(subject.user());
        RawHttp.Answer answer = send(route, route.fill(subject.pathValues()),
                List.of(cookie(subject.user()), "X-CSRF: 1"));
        assertTrue(answer.status() >= 200 && answer.status() < 300, answer.toString());
        assertNotEquals(before, state(subject.user()), "the state snapshot does not see what " + route + " changes");
    }

    private void assertSafeRead(Route route, Subject subject, String target, boolean registered) {
        RawHttp.Answer answer = send(route, target, List.of(cookie(subject.user()),
                "Accept: application/json"));
        assertTrue(answer.status() < 500, target + " -> " + answer);
        if (answer.status() >= 200 && answer.status() < 300) {
            assertTrue(answer.headers("cache-control").stream().anyMatch(value -> value.contains("no-store")),
                    "data without no-store: " + target + " -> " + answer);
        }
        if (target.indexOf(';') >= 0) {
            assertMatrixRefused(target, answer);
        }
        if (registered && route.api()) {
            assertEquals(200, answer.status(), "the table's path values do not reach the route: " + answer);
        }
        assertNoTokens(subject, answer);
    }

    private static void assertMatrixRefused(String target, RawHttp.Answer answer) {
        assertEquals(400, answer.status(), "matrix parameters: " + target + " -> " + answer);
        assertEquals(PROBLEM, answer.header("content-type"), answer.toString());
        assertTrue(answer.body().contains("\"code\":\"validation_failed\""), answer.toString());
    }

    private void assertNoTokens(Subject subject, RawHttp.Answer answer) {
        NoTokens.in(answer.headers() + answer.body(), emulator, subject.user().gitLabUser());
    }

    private RawHttp.Answer send(Route route, String target, List<String> headers) {
        String body = BODIES.get(route.toString());
        if (body == null) {
            return RawHttp.to(settings).send(route.method(), target, headers);
        }
        List<String> withType = new ArrayList<>(headers);
        withType.add("Content-Type: application/json");
        return RawHttp.to(settings).send(route.method(), target, withType, body);
    }

    private static String cookie(SignedInUser user) {
        return "Cookie: " + SignedInUser.COOKIE + "=" + user.sessionCookie();
    }

    private Subject subject(String prefix) {
        SignedInUser user = SignedInUser.signIn(emulator, settings, prefix);
        EmulatorProject project = emulator.data().createProject(user.gitLabUser().username(), "spelled", "Spelled");
        emulator.data().addProjectMember(project.id(), user.gitLabUser().id(), 50);
        // {iid}: issue 1 and merge request 1 of the project, to read and to comment on.
        emulator.data().createIssue(project.id(), user.gitLabUser().id(), "Spelled", List.of());
        emulator.data().createMergeRequest(project.id(), user.gitLabUser().id(), "Spelled", List.of(), List.of());
        // {id}: the user's own device link (GET /api/links/device/{id}); as a link request id (/links/start/{id}) it
        // is well formed and was never issued.
        String deviceLink = user.api().header("X-CSRF", "1").contentType("application/json").body(INSTANCE_BODY)
                .when().post("/api/links/device").then().statusCode(200).extract().path("id");
        return new Subject(user, Map.of("accountId", user.accountId(), "projectId", String.valueOf(project.id()),
                "id", deviceLink, "iid", "1"));
    }

    private ServiceState state(SignedInUser user) {
        Response session = user.api().accept("application/json").when().get("/api/session");
        List<String> accounts = session.statusCode() == 200 ? session.jsonPath().getList("accounts.id") : List.of();
        return new ServiceState(session.statusCode(), accounts, emulator.stats().revocations(),
                emulator.stats().tokenRequests(), storedState.read(emulator).rows());
    }

}
