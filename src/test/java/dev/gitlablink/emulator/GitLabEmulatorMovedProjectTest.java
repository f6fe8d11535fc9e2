package dev.gitlablink.emulator;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;

/**
 * A renamed project's old path, as GitLab's {@code find_project!} answers it: a GET is redirected (301) to the same
 * route and query by the project's id; a project the user cannot see stays a 404.
 */
class GitLabEmulatorMovedProjectTest {

    private static GitLabEmulator emulator;
    private static String token;
    private static EmulatorProject moved;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults());
        EmulatorUser mover = emulator.createUser("mover", "Mo Ver", "mover@example.test");
        EmulatorUser stranger = emulator.createUser("stranger", "Stran Ger", "stranger@example.test");
        EmulatorData data = emulator.data();
        EmulatorGroup acme = data.createGroup("acme", "Acme");
        EmulatorGroup other = data.createGroup("other", "Other");
        data.addGroupMember(acme.id(), mover.id(), EmulatorData.DEVELOPER);
        data.addGroupMember(other.id(), stranger.id(), EmulatorData.OWNER);
        EmulatorProject moving = data.createProject("acme", "moving", "Moving");
        moved = data.renameProjectPath(moving.id(), "moved");
        EmulatorProject secret = data.createProject("other", "secret-old", "Secret");
        data.renameProjectPath(secret.id(), "secret-new");
        token = new ApiTestClient(emulator).token(mover, "read_api");
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void oldPathRedirectsToTheProjectById() {
        withoutRedirects().get(api() + "acme%2Fmoving").then().statusCode(301)
                .header("Location", equalTo(api() + moved.id()));
    }

    @Test
    void oldPathOfASubresourceKeepsTheRouteAndQuery() {
        withoutRedirects().get(api() + "acme%2Fmoving/issues?state=opened&per_page=5").then().statusCode(301)
                .header("Location", equalTo(api() + moved.id() + "/issues?state=opened&per_page=5"));
    }

    @Test
    void newPathAnswersDirectly() {
        withoutRedirects().get(api() + "acme%2Fmoved").then().statusCode(200)
                .body("path_with_namespace", equalTo("acme/moved"));
    }

    @Test
    void oldPathOfAProjectTheUserCannotSeeIs404() {
        withoutRedirects().get(api() + "other%2Fsecret-old").then().statusCode(404)
                .body("message", equalTo("404 Project Not Found"));
    }

    private static String api() {
        return emulator.baseUrl() + "/api/v4/projects/";
    }

    private static RequestSpecification withoutRedirects() {
        return RestAssured.given().redirects().follow(false).urlEncodingEnabled(false)
                .header("Authorization", "Bearer " + token);
    }
}
