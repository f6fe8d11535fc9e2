package dev.gitlablink.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorNamespace;
import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.oidc.IdTokenSigner;
import dev.gitlablink.emulator.state.EmulatorState;
import io.vertx.core.json.JsonArray;

/** The pre-encoded {@code simple=true} lists are the JSON the entities encode to, and follow a project's changes. */
class SimpleProjectJsonTest {

    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123Z");
    private static final EmulatorNamespace ACME = new EmulatorNamespace(100, "Acme", "acme", "group", "acme", "Acme",
            null, null, "http://gitlab.test/groups/acme", null);

    private final EmulatorState state = new EmulatorState(EmulatorOptions.defaults(), "http://gitlab.test",
            Clock.systemUTC(), IdTokenSigner.generate());
    private final SimpleProjectJson json = new SimpleProjectJson(state);

    @Test
    void aListIsTheArrayOfItsEntities() {
        List<EmulatorProject> projects = List.of(project(1, "Alpha"), project(2, "Beta"), project(3, "Gamma"));

        assertEquals(encodedOneByOne(projects), json.array(projects).toString());
        assertEquals(encodedOneByOne(projects), json.array(projects).toString(), "the same again, from the cache");
    }

    @Test
    void emptyAndSingleLists() {
        assertEquals("[]", json.array(List.of()).toString());
        assertEquals(encodedOneByOne(List.of(project(1, "Alpha"))), json.array(List.of(project(1, "Alpha"))).toString());
    }

    @Test
    void aChangedProjectIsEncodedAgain() {
        String before = json.array(List.of(project(1, "Alpha"))).toString();
        EmulatorProject renamed = project(1, "Renamed");

        String after = json.array(List.of(renamed)).toString();

        assertNotEquals(before, after);
        assertEquals(encodedOneByOne(List.of(renamed)), after);
    }

    private String encodedOneByOne(List<EmulatorProject> projects) {
        JsonArray array = new JsonArray();
        projects.forEach(project -> array.add(ProjectEntity.simple(project, state)));
        return array.encode();
    }

    private static EmulatorProject project(long id, String name) {
        return new EmulatorProject(id, name, name.toLowerCase(), "About " + name, ACME, "private", false, "main",
                List.of("java", "quarkus"), 3, 1, 1000, CREATED, CREATED, CREATED.plusSeconds(60));
    }
}
