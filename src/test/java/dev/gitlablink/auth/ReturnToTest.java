package dev.gitlablink.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnToTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/projects", "/projects?sort=name&page=2", "/a/b#section", "/%2F%2Fencoded"})
    void sameOriginPathsAreKept(String path) {
        assertEquals(path, ReturnTo.sanitise(path));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"//evil.example", "///evil.example", "https://evil.example", "http:/evil.example",
        "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "evil.example", "projects",
        "/a b", "/a\tb", "/a\r\nLocation: x", "/\u0000"})
    void anythingElseFallsBackToRoot(String candidate) {
        assertEquals("/", ReturnTo.sanitise(candidate));
    }

    @org.junit.jupiter.api.Test
    void overlongPathsFallBackToRoot() {
        assertEquals("/", ReturnTo.sanitise("/" + "a".repeat(3000)));
    }
}
