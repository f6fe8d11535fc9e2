package dev.gitlablink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectCursorTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, 9_007_199_254_740_993L})
    void roundTrips(long id) {
        assertEquals(id, ProjectCursor.decode(ProjectCursor.encode(id)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "cDE6eA", "eDE6MQ", "!!!"})
    void foreignCursorsAreValidationErrors(String cursor) {
        ProblemException error = assertThrows(ProblemException.class, () -> ProjectCursor.decode(cursor));
        assertEquals(ProblemCode.VALIDATION_FAILED, error.code());
        assertEquals("cursor", error.errors().get(0).field());
    }
}
