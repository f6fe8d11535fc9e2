package dev.gitlablink.browser;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Without Chromium the browser tests are skipped on a developer's machine and fail on CI. */
class ChromiumBrowserTest {

    @Test
    void aMissingBrowserSkipsWithTheReasonOutsideCi() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> ChromiumBrowser.requireInstalled(false, Map.of()));
        assertTrue(skipped.getMessage().contains("apt-get install -y chromium chromium-driver"), skipped.getMessage());
        assertThrows(TestAbortedException.class, () -> ChromiumBrowser.requireInstalled(false, Map.of("CI", "false")));
    }

    @Test
    void aMissingBrowserFailsUnderCi() {
        assertThrows(AssertionFailedError.class, () -> ChromiumBrowser.requireInstalled(false, Map.of("CI", "true")));
    }

    @Test
    void anInstalledBrowserRunsEverywhere() {
        assertDoesNotThrow(() -> ChromiumBrowser.requireInstalled(true, Map.of("CI", "true")));
        assertDoesNotThrow(() -> ChromiumBrowser.requireInstalled(true, Map.of()));
    }
}
