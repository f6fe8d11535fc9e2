package dev.gitlablink.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.gitlablink.api.view.MergeRequestView;
import dev.gitlablink.common.JsonCustomizer;
import dev.gitlablink.api.view.ProjectView;
import dev.gitlablink.gitlab.model.GitLabMergeRequest;
import dev.gitlablink.gitlab.model.GitLabProject;

/** GitLab's payloads, as its docs print them, read into our tolerant records and mapped to views. */
class GitLabPayloadTest {

    // Like Quarkus' ObjectMapper: unknown properties are ignored, times are java.time, read by our customizer.
    static final ObjectMapper JSON = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        new JsonCustomizer().customize(mapper);
        return mapper;
    }

    @Test
    void projectWithUnknownAndNestedFields() throws IOException {
        GitLabProject project = read("project.json", GitLabProject.class);

        assertEquals(4L, project.id());
        assertEquals("diaspora/diaspora-client", project.pathWithNamespace());
        assertEquals(Instant.parse("2022-06-24T17:11:26.841Z"), project.lastActivityAt());
        assertEquals("group", project.namespace().kind());
        assertFalse(project.archived());

        ProjectView view = ProjectView.of(project);
        assertEquals("Diaspora / Diaspora Client", view.fullName());
        assertEquals("diaspora", view.namespace().fullPath());
    }

    @Test
    void mergeRequestWithReferencesAndPeople() throws IOException {
        GitLabMergeRequest mr = read("merge_request.json", GitLabMergeRequest.class);

        MergeRequestView view = MergeRequestView.of(mr);
        assertEquals("my-group/my-project!1", view.reference());
        assertEquals("axel.block", view.assignees().get(0).username());
        assertEquals("kenyatta_oconnell", view.reviewers().get(0).username());
        assertEquals("not_open", view.mergeStatus());
        assertNull(view.closedAt());
    }

    @Test
    void missingFieldsBecomeNullsNotErrors() throws IOException {
        GitLabProject project = JSON.readValue("{\"id\": 7}", GitLabProject.class);

        ProjectView view = ProjectView.of(project);
        assertEquals(7L, view.id());
        assertFalse(view.archived());
        assertEquals(0, view.topics().size());
    }

    private static <T> T read(String fixture, Class<T> type) throws IOException {
        try (InputStream in = GitLabPayloadTest.class.getResourceAsStream("/gitlab/" + fixture)) {
            return JSON.readValue(in, type);
        }
    }
}
