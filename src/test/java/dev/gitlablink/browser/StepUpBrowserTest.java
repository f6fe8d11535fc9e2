package dev.gitlablink.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import dev.gitlablink.emulator.EmulatorData;
import dev.gitlablink.emulator.EmulatorGroup;
import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.ReadUserOnly;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The SPA's step-up prompt in real headless Chromium: signed in with read scopes that do not cover the project list,
 * the SPA offers the problem's {@code stepUpUrl}; following it widens the grant at GitLab and the list appears.
 */
@QuarkusTest
@TestProfile(ReadUserOnly.class)
@WithTestResource(LocalServicesResource.class)
class StepUpBrowserTest {

    static final int PROJECTS = 3;

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    ChromiumBrowser chromium;
    EmulatorUser user;
    String testName;

    @BeforeEach
    void start(TestInfo info) {
        ChromiumBrowser.requireInstalled();
        testName = info.getTestMethod().orElseThrow().getName();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        user = emulator.createUser("stepup-" + suffix, "Step Up " + suffix, "stepup-" + suffix + "@example.test");
        EmulatorData data = emulator.data();
        EmulatorGroup group = data.createGroup("stepup-group-" + suffix, "Step-up Group " + suffix);
        data.addGroupMember(group.id(), user.id(), EmulatorData.DEVELOPER);
        for (int i = 0; i < PROJECTS; i++) {
            data.createProject(group.fullPath(), "p-" + i, "Project " + i);
        }
        chromium = ChromiumBrowser.start();
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.screenshot(testName + "-end");
            chromium.close();
        }
    }

    @Test
    void thePromptFollowsTheStepUpUrlAndTheDataAppears() {
        var driver = signInAndSeeThePrompt();
        chromium.await().until(attributeContains(By.id("step-up-grant"), "href", "/stepup/start/"));
        String message = driver.findElement(By.id("step-up-message")).getText();
        assertTrue(message.startsWith("gitlab-link needs permission"), message);
        assertTrue(message.contains("read_api"), message);
        chromium.await().until(textToBePresentInElementLocated(By.id("accounts"), "GitLab permissions: openid read_user"));
        chromium.screenshot(testName + "-prompt");

        driver.findElement(By.id("step-up-grant")).click();

        // GitLab (still signed in there) grants the wider scopes and the browser comes back to the SPA.
        chromium.await().until(numberOfElementsToBe(By.cssSelector("#projects li.project"), PROJECTS));
        chromium.await().until(textToBePresentInElementLocated(By.id("accounts"), "read_api"));
        assertFalse(driver.findElement(By.id("step-up")).isDisplayed(), "the prompt is gone");
        assertTrue(driver.getCurrentUrl().startsWith(settings.baseUrl() + "/"), driver.getCurrentUrl());
        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.id());
        assertEquals(2, issued.size(), "the sign-in's pair and the step-up's");
        assertTrue(issued.get(1).scopes().contains("read_api"));
        chromium.screenshot(testName + "-stepped-up");
    }

    @Test
    void aWriteScopeIsAskedForAsPermissionToWrite() {
        var driver = signInAndSeeThePrompt();

        // The problem a write route answers (its only acceptable scope is api), as app.js gets it.
        ((JavascriptExecutor) driver).executeScript("showStepUp({code: 'gitlab_insufficient_scope',"
                + " requiredScopes: ['api'], stepUpUrl: '/stepup/start/abc_DEF-1'})");

        chromium.await().until(textToBe(By.id("step-up-message"), "gitlab-link needs permission to write to GitLab."));
        assertEquals("gitlab-link needs permission to write to GitLab.",
                driver.findElement(By.id("step-up-message")).getText());
        assertEquals("/stepup/start/abc_DEF-1?returnTo=%2F",
                driver.findElement(By.id("step-up-grant")).getDomAttribute("href"));
        // Only this service's own step-up URLs are offered.
        ((JavascriptExecutor) driver).executeScript("document.getElementById('step-up').hidden = true;"
                + " showStepUp({requiredScopes: ['api'], stepUpUrl: 'https://evil.example/stepup/start/x'})");
        assertFalse(driver.findElement(By.id("step-up")).isDisplayed());
    }

    /** Signs in through the SPA and the emulator; the project list then needs the step-up. */
    private WebDriver signInAndSeeThePrompt() {
        var driver = chromium.driver();
        driver.get(settings.baseUrl() + "/");
        chromium.await().until(visibilityOfElementLocated(By.id("sign-in")));
        driver.findElement(By.id("sign-in")).click();
        chromium.await().until(visibilityOfElementLocated(By.name("username")));
        driver.findElement(By.name("username")).sendKeys(user.username());
        driver.findElement(By.name("password")).sendKeys(user.password());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        chromium.await().until(visibilityOfElementLocated(By.id("step-up")));
        return driver;
    }
}
