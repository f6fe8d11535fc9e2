package dev.gitlablink.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitLabUrlsTest {

    @ParameterizedTest
    @CsvSource({
        "https://gitlab.com, https://gitlab.com",
        "https://gitlab.com/, https://gitlab.com",
        "HTTPS://GitLab.COM:443/, https://gitlab.com",
        "https://example.com/gitlab/, https://example.com/gitlab",
        "http://127.0.0.1:8180, http://127.0.0.1:8180",
        "http://localhost:80/git, http://localhost/git"
    })
    void normalises(String input, String expected) {
        assertEquals(expected, GitLabUrls.normalise(input));
    }
}
