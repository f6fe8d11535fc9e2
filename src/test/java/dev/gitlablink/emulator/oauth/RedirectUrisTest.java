package dev.gitlablink.emulator.oauth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedirectUrisTest {

    @Test
    void exactMatchAndExtraQueryAreAccepted() {
        assertTrue(RedirectUris.matches("https://app.test/cb", "https://app.test/cb"));
        assertTrue(RedirectUris.matches("https://app.test/cb?x=1", "https://app.test/cb"));
    }

    @Test
    void differentPathHostPortOrSchemeIsRejected() {
        assertFalse(RedirectUris.matches("https://app.test/cb/other", "https://app.test/cb"));
        assertFalse(RedirectUris.matches("https://evil.test/cb", "https://app.test/cb"));
        assertFalse(RedirectUris.matches("https://app.test:8443/cb", "https://app.test/cb"));
        assertFalse(RedirectUris.matches("http://app.test/cb", "https://app.test/cb"));
        assertFalse(RedirectUris.matches("http://localhost:1/cb", "http://localhost:2/cb"));
        assertFalse(RedirectUris.matches(null, "https://app.test/cb"));
        assertFalse(RedirectUris.matches("https://app.test/cb#frag", "https://app.test/cb"));
    }

    @Test
    void registeredQueryMustMatch() {
        assertTrue(RedirectUris.matches("https://app.test/cb?b=2&a=1", "https://app.test/cb?a=1&b=2"));
        assertFalse(RedirectUris.matches("https://app.test/cb", "https://app.test/cb?a=1"));
    }

    @Test
    void loopbackIpIgnoresThePort() {
        assertTrue(RedirectUris.matches("http://127.0.0.1:51234/cb", "http://127.0.0.1:9/cb"));
    }

    @Test
    void withQueryAppendsFormEncodedParamsAndSkipsNulls() {
        assertEquals("https://app.test/cb?x=1&code=abc&error_description=a+b",
                RedirectUris.withQuery("https://app.test/cb?x=1",
                        RedirectUris.params("code", "abc", "state", null, "error_description", "a b")));
    }
}
