package dev.gitlablink.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java test-data API: ids, iids, times, validation and options compatibility. */
class EmulatorDataTest {

    private static final Instant FIXED = Instant.parse("2025-06-01T12:00:00Z");

    private static GitLabEmulator emulator;
    private static EmulatorData data;
    private static EmulatorUser uma;

    @BeforeAll
    static void start() {
        emulator = GitLabEmulator.start(EmulatorOptions.defaults());
        data = emulator.data().useClock(Clock.fixed(FIXED, ZoneOffset.UTC));
        uma = emulator.createUser("uma", "Uma Data", "uma@example.test");
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void idsAreGlobalAndIidsPerProject() {
        EmulatorGroup group = data.createGroup("ids", "Ids");
        EmulatorProject first = data.createProject("ids", "first", "First");
        EmulatorProject second = data.createProject("ids", "second", "Second");
        EmulatorIssue a = data.createIssue(first.id(), uma.id(), "a", List.of());
        EmulatorIssue b = data.createIssue(first.id(), uma.id(), "b", List.of(uma.id()));
        EmulatorIssue c = data.createIssue(second.id(), uma.id(), "c", List.of());
        EmulatorMergeRequest mr = data.createMergeRequest(first.id(), uma.id(), "mr", List.of(), List.of());
        EmulatorPipeline pipeline = data.createPipeline(first.id(), "main", "success");

        assertEquals(first.id() + 1, second.id());
        assertEquals(List.of(1L, 2L, 1L), List.of(a.iid(), b.iid(), c.iid()));
        assertEquals(List.of(a.id() + 1, a.id() + 2), List.of(b.id(), c.id()));
        assertEquals(1, mr.iid());
        assertEquals(1, pipeline.iid());
        assertEquals("ids/first", first.pathWithNamespace());
        assertEquals(group.id(), first.namespace().id());
        assertEquals(40, pipeline.sha().length());
    }

    @Test
    void creationTimesStrictlyIncreaseEvenWithAFixedClock() {
        EmulatorGroup group = data.createGroup("times", "Times");
        EmulatorProject one = data.createProject("times", "one", "One");
        EmulatorProject two = data.createProject("times", "two", "Two");

        assertFalse(group.createdAt().isBefore(FIXED));
        assertTrue(two.createdAt().isAfter(one.createdAt()));
        assertTrue(one.createdAt().isAfter(group.createdAt()));
    }

    @Test
    void stateChangesAreVisibleInSnapshots() {
        data.createGroup("states", "States");
        EmulatorProject project = data.createProject("states", "p", "P");
        EmulatorMergeRequest mr = data.createMergeRequest(project.id(), uma.id(), "mr", List.of(), List.of());

        data.archiveProject(project.id());
        data.setVisibility(project.id(), "public");
        data.setMergeRequestState(project.id(), mr.iid(), "merged");

        EmulatorProject now = data.project(project.id()).orElseThrow();
        assertTrue(now.archived());
        assertEquals("public", now.visibility());
        assertNotEquals(project.updatedAt(), now.updatedAt());
    }

    @Test
    void invalidArgumentsAreRejected() {
        EmulatorGroup group = data.createGroup("invalid", "Invalid");
        assertThrows(IllegalArgumentException.class, () -> data.addGroupMember(group.id(), uma.id(), 35));
        assertThrows(IllegalArgumentException.class, () -> data.addGroupMember(group.id(), 424242, 30));
        assertThrows(IllegalArgumentException.class, () -> data.createProject("nowhere", "p", "P"));
        assertThrows(IllegalArgumentException.class, () -> data.createGroup("invalid", "Again"));
        assertThrows(IllegalArgumentException.class, () -> data.createGroup("missing/child", "Orphan"));
        EmulatorProject project = data.createProject("invalid", "p", "P");
        assertThrows(IllegalArgumentException.class, () -> data.createProject("invalid", "P", "Same path"));
        assertThrows(IllegalArgumentException.class, () -> data.setVisibility(project.id(), "secret"));
        assertThrows(IllegalArgumentException.class, () -> data.setMergeRequestState(project.id(), 99, "merged"));
        assertThrows(IllegalArgumentException.class, () -> data.createPipeline(project.id(), "main", "green"));
        assertThrows(IllegalArgumentException.class, () -> data.closeIssue(project.id(), 99));
    }

    @Test
    void personalProjectsLiveInTheUserNamespace() {
        EmulatorProject project = data.createProject("uma", "dotfiles", "Dotfiles");

        assertEquals("user", project.namespace().kind());
        assertEquals("uma/dotfiles", project.pathWithNamespace());
        assertEquals("Uma Data / Dotfiles", project.nameWithNamespace());
        assertEquals(uma.id(), project.namespace().ownerId());
    }

    @Test
    void optionsStayCompatible() {
        EmulatorOptions seeded = new EmulatorOptions("localhost", 8180, "", true);
        assertTrue(seeded.adminApi(), "seeded dev instances get the admin API");
        assertFalse(new EmulatorOptions("localhost", 8180, "", false).adminApi());
        assertFalse(EmulatorOptions.defaults().adminApi());
        assertTrue(EmulatorOptions.defaults().withHost("h").withPort(1).withPathPrefix("/x").withAdminApi(true)
                .adminApi());
    }
}
