package dev.gitlablink.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GitLab's redirect of a moved project's old path, as {@link GitLabErrors} reads it. */
class GitLabErrorsTest {

    private final GitLabErrors errors = new GitLabErrors();

    @ParameterizedTest
    @ValueSource(strings = {
        "https://gitlab.example.com/api/v4/projects/278964",
        "https://gitlab.example.com/api/v4/projects/278964/issues?state=opened",
        "https://example.com/gitlab/api/v4/projects/278964/pipelines"})
    void movedProjectCarriesItsId(String location) {
        GitLabException moved = errors.toThrowable(Response.status(301).header("Location", location).build());

        assertEquals(278964, assertInstanceOf(GitLabProjectMovedException.class, moved).projectId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "https://gitlab.example.com/api/v4/projects/acme%2Fnew",
        "https://gitlab.example.com/users/sign_in"})
    void redirectWithoutAProjectIdIsABadResponse(String location) {
        Response.ResponseBuilder response = Response.status(301);
        if (!location.isEmpty()) {
            response.header("Location", location);
        }

        assertInstanceOf(GitLabBadResponseException.class, errors.toThrowable(response.build()));
    }

    @Test
    void onlyErrorsAndTheMovedProjectRedirectAreMapped() {
        assertTrue(errors.handles(301, null));
        assertTrue(errors.handles(404, null));
        assertFalse(errors.handles(200, null));
        assertFalse(errors.handles(302, null));
    }

    @Test
    void aModelsValidationErrorsAreFieldErrors() {
        GitLabErrorBody body = new GitLabErrorBody(null, java.util.Map.of("title",
                java.util.List.of("is too long (maximum is 255 characters)", "can't be blank")), null);

        GitLabValidationException invalid = assertInstanceOf(GitLabValidationException.class,
                GitLabErrors.validation(422, body).orElseThrow());
        assertEquals(422, invalid.status());
        assertEquals(java.util.Map.of("title", java.util.List.of("is too long (maximum is 255 characters)",
                "can't be blank")), invalid.fieldErrors());
    }

    @Test
    void theNotesApisStringMessageIsReadToo() {
        GitLabErrorBody body = new GitLabErrorBody(null,
                "Note {:note=>[\"is too long (maximum is 1000000 characters)\"]}", null);

        assertEquals(java.util.Map.of("note", java.util.List.of("is too long (maximum is 1000000 characters)")),
                assertInstanceOf(GitLabValidationException.class, GitLabErrors.validation(400, body).orElseThrow())
                        .fieldErrors());
    }

    @Test
    void otherRefusalsAreNotValidationErrors() {
        assertTrue(GitLabErrors.validation(400, new GitLabErrorBody("title is missing", null, null)).isEmpty());
        assertTrue(GitLabErrors.validation(400, new GitLabErrorBody(null, "400 Bad request", null)).isEmpty());
        assertTrue(GitLabErrors.validation(400, GitLabErrorBody.EMPTY).isEmpty());
    }
}
