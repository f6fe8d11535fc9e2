package dev.gitlablink.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import dev.gitlablink.emulator.EmulatorIssue;
import dev.gitlablink.emulator.EmulatorNote;
import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.TestSettings;
import dev.gitlablink.testsupport.WriteScopes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The SPA's writes in real headless Chromium: the "New issue" form of a project, and comment boxes. */
@QuarkusTest
@TestProfile(WriteScopes.class)
@WithTestResource(LocalServicesResource.class)
class SpaWritesBrowserTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    ChromiumBrowser chromium;
    EmulatorUser user;
    EmulatorProject project;
    String testName;

    @BeforeEach
    void start(TestInfo info) {
        ChromiumBrowser.requireInstalled();
        testName = info.getTestMethod().orElseThrow().getName();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        user = emulator.createUser("spa-w-" + suffix, "Spa Writer " + suffix, "spa-w-" + suffix + "@example.test");
        project = emulator.data().createProject(user.username(), "notes", "Notes");
        chromium = ChromiumBrowser.start();
    }

    @AfterEach
    void stop() {
        emulator.knobs().reset();
        if (chromium != null) {
            chromium.screenshot(testName + "-end");
            chromium.close();
        }
    }

    @Test
    void theNewIssueFormCreatesAnIssueAndShowsFieldErrors() {
        WebDriver driver = signIn();
        chromium.await().until(numberOfElementsToBe(By.cssSelector("#projects li.project"), 1));
        driver.findElement(By.cssSelector("#projects li.project button.new-issue")).click();
        chromium.await().until(visibilityOfElementLocated(By.id("new-issue-form")));
        assertEquals("New issue in " + project.nameWithNamespace(), driver.findElement(By.id("new-issue-heading"))
                .getText());

        // A quick action without the box ticked: refused by the service, shown next to the field, GitLab not asked.
        driver.findElement(By.id("new-issue-title")).sendKeys("Flaky test");
        driver.findElement(By.id("new-issue-description")).sendKeys("It fails.\n/close");
        driver.findElement(By.id("new-issue-submit")).click();
        chromium.await().until(textToBePresentInElementLocated(By.id("new-issue-description-error"), "quick action"));
        assertEquals(0, emulator.stats().apiRequests("POST", "/projects"));

        driver.findElement(By.id("new-issue-description")).clear();
        driver.findElement(By.id("new-issue-description")).sendKeys("It fails on main.");
        driver.findElement(By.id("new-issue-labels")).sendKeys("bug, ci");
        driver.findElement(By.id("new-issue-submit")).click();
        chromium.await().until(textToBePresentInElementLocated(By.id("new-issue-state"), "Created"));
        assertTrue(driver.findElement(By.id("new-issue-state")).getText().contains("Flaky test"));
        chromium.screenshot(testName + "-created");

        List<EmulatorIssue> issues = emulator.data().issuesOf(project.id());
        assertEquals(1, issues.size());
        assertEquals("Flaky test", issues.getFirst().title());
        assertEquals("It fails on main.", issues.getFirst().description());
        assertEquals(List.of("bug", "ci"), issues.getFirst().labels());
        assertEquals(1, emulator.stats().apiRequests("POST", "/projects"));
    }

    @Test
    void commentBoxesCommentOnAnIssueAndAMergeRequest() {
        emulator.data().createIssue(project.id(), user.id(), "Assigned bug", List.of(user.id()));
        emulator.data().createMergeRequest(project.id(), user.id(), "Review me", List.of(), List.of(user.id()));
        WebDriver driver = signIn();
        chromium.await().until(numberOfElementsToBe(By.cssSelector("#issues li.work-item"), 1));
        chromium.await().until(numberOfElementsToBe(By.cssSelector("#merge-requests li.work-item"), 1));

        WebElement issue = driver.findElement(By.cssSelector("#issues li.work-item"));
        issue.findElement(By.cssSelector("button.comment-toggle")).click();
        issue.findElement(By.cssSelector("textarea.comment-body")).sendKeys("/close");
        issue.findElement(By.cssSelector("button.comment-submit")).click();
        chromium.await().until(textToBePresentInElementLocated(By.cssSelector("#issues .comment-state"),
                "quick action"));
        assertEquals(0, emulator.stats().apiRequests("POST", "/projects"));

        issue.findElement(By.cssSelector("textarea.comment-body")).clear();
        issue.findElement(By.cssSelector("textarea.comment-body")).sendKeys("I can reproduce this.");
        issue.findElement(By.cssSelector("button.comment-submit")).click();
        chromium.await().until(textToBePresentInElementLocated(By.cssSelector("#issues .comment-state"),
                "Comment added."));

        WebElement mr = driver.findElement(By.cssSelector("#merge-requests li.work-item"));
        mr.findElement(By.cssSelector("button.comment-toggle")).click();
        mr.findElement(By.cssSelector("textarea.comment-body")).sendKeys("Looks good.");
        mr.findElement(By.cssSelector("button.comment-submit")).click();
        chromium.await().until(textToBePresentInElementLocated(By.cssSelector("#merge-requests .comment-state"),
                "Comment added."));
        chromium.screenshot(testName + "-commented");

        List<EmulatorNote> notes = emulator.data().notesOf(project.id());
        assertEquals(List.of("I can reproduce this.", "Looks good."), notes.stream().map(EmulatorNote::body).toList());
        assertEquals(List.of("Issue", "MergeRequest"), notes.stream().map(EmulatorNote::noteableType).toList());
    }

    private WebDriver signIn() {
        WebDriver driver = chromium.driver();
        driver.get(settings.baseUrl() + "/");
        chromium.await().until(visibilityOfElementLocated(By.id("sign-in")));
        emulator.stats().reset();
        driver.findElement(By.id("sign-in")).click();
        chromium.await().until(visibilityOfElementLocated(By.name("username")));
        driver.findElement(By.name("username")).sendKeys(user.username());
        driver.findElement(By.name("password")).sendKeys(user.password());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        chromium.await().until(visibilityOfElementLocated(By.id("signed-in")));
        return driver;
    }
}
