package dev.gitlablink.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.gitlablink.emulator.EmulatorData;
import dev.gitlablink.emulator.EmulatorGroup;
import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SecondGitLab;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** The demo SPA in real headless Chromium, signing in through the GitLab emulator. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SpaBrowserTest {

    static final int PROJECTS = 25;
    static final int PER_PAGE = 20;

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    SecondGitLab second;

    @Inject
    CircuitBreakerMaintenance circuits;

    ChromiumBrowser chromium;
    EmulatorUser user;
    String testName;

    @BeforeEach
    void start(TestInfo info) {
        // Each test, not the class: a class-level skip is counted as no test at all.
        ChromiumBrowser.requireInstalled();
        testName = info.getTestMethod().orElseThrow().getName();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        user = emulator.createUser("spa-" + suffix, "Spa User " + suffix, "spa-" + suffix + "@example.test");
        EmulatorData data = emulator.data();
        EmulatorGroup group = data.createGroup("spa-group-" + suffix, "Spa Group " + suffix);
        data.addGroupMember(group.id(), user.id(), EmulatorData.DEVELOPER);
        for (int i = 0; i < PROJECTS; i++) {
            EmulatorProject project = data.createProject(group.fullPath(), "p-" + i, "Project " + i);
            data.createPipeline(project.id(), "main", "success");
        }
        chromium = ChromiumBrowser.start();
    }

    @AfterEach
    void stop() {
        // No fault, latency, pending 429 or open circuit of one test may reach the next.
        emulator.knobs().reset();
        circuits.resetAll();
        if (chromium != null) {
            chromium.screenshot(testName + "-end");
            chromium.close();
        }
    }

    @Test
    void signInBrowseProjectsAndPipelinesThenSignOut() {
        var driver = chromium.driver();
        driver.get(settings.baseUrl() + "/");
        chromium.await().until(visibilityOfElementLocated(By.id("sign-in")));
        assertEquals("Sign in with GitLab", driver.findElement(By.id("sign-in")).getText());

        signInThroughTheEmulator();
        chromium.await().until(numberOfElementsToBe(By.cssSelector("#projects li.project"), PER_PAGE));
        chromium.await().until(textToBe(By.id("projects-page"), "Page 1 of 2"));
        assertTrue(driver.findElement(By.id("me")).getText().contains(user.name()));
        chromium.screenshot(testName + "-projects");

        driver.findElement(By.id("projects-next")).click();
        chromium.await().until(textToBe(By.id("projects-page"), "Page 2 of 2"));
        chromium.await().until(numberOfElementsToBe(By.cssSelector("#projects li.project"), PROJECTS - PER_PAGE));
        assertTrue(driver.findElement(By.id("projects-next")).getAttribute("disabled") != null, "no page 3");

        WebElement first = driver.findElements(By.cssSelector("#projects li.project")).get(0);
        String projectName = first.findElement(By.tagName("a")).getText();
        first.findElement(By.cssSelector("button.show-pipelines")).click();
        chromium.await().until(visibilityOfElementLocated(By.id("pipelines-section")));
        chromium.await().until(numberOfElementsToBe(By.cssSelector("#pipelines li.pipeline"), 1));
        assertEquals("Pipelines of " + projectName, driver.findElement(By.id("pipelines-heading")).getText());
        assertTrue(driver.findElement(By.cssSelector("#pipelines li.pipeline")).getText().contains("success"));
        chromium.screenshot(testName + "-pipelines");

        driver.findElement(By.id("sign-out")).click();
        chromium.await().until(visibilityOfElementLocated(By.id("signed-out")));
        driver.navigate().refresh();
        chromium.await().until(visibilityOfElementLocated(By.id("sign-in")));
        assertTrue(driver.manage().getCookieNamed("gitlab_link_session") == null, "session cookie cleared");
    }

    @Test
    void revokedGrantShowsTheReauthState() {
        var driver = signInAndSeeTheFirstPage();

        assertTrue(emulator.knobs().revokeAllTokens(user.id()) > 0);
        driver.navigate().refresh();
        chromium.await().until(visibilityOfElementLocated(By.id("reauth")));
        chromium.await().until(attributeContains(By.id("reauth-sign-in"), "href", "/login?returnTo="));
        chromium.await().until(textToBePresentInElementLocated(By.id("projects-state"), "sign in again"));
        assertEquals("Sign in to GitLab again", driver.findElement(By.id("reauth-sign-in")).getText());
        chromium.screenshot(testName + "-reauth");

        // Signing in again restores the account.
        driver.findElement(By.id("reauth-sign-in")).click();
        chromium.await().until(d -> !d.findElements(By.name("username")).isEmpty()
                || !d.findElements(By.cssSelector("#projects li.project")).isEmpty());
        if (!driver.findElements(By.name("username")).isEmpty()) {
            submitEmulatorSignIn();
        }
        chromium.await().until(numberOfElementsToBe(By.cssSelector("#projects li.project"), PER_PAGE));
        assertTrue(!driver.findElement(By.id("reauth")).isDisplayed());
    }

    @Test
    void unlinkingTheAccountRevokesItAndLeavesNothingOnScreen() {
        var driver = signInAndSeeTheFirstPage();

        driver.findElement(By.cssSelector("#accounts button.unlink")).click();
        chromium.await().until(numberOfElementsToBe(By.cssSelector("#accounts li.account"), 0));
        chromium.await().until(textToBe(By.id("projects-state"), "No GitLab account is linked."));
        assertEquals(0, driver.findElements(By.cssSelector("#projects li.project")).size());
        assertTrue(!driver.findElement(By.id("alert")).isDisplayed());
        assertTrue(emulator.tokensIssuedTo(user.id()).stream().allMatch(token -> token.revoked()),
                "GitLab no longer accepts the tokens");
        chromium.screenshot(testName + "-unlinked");
    }

    @Test
    void deletingMyAccountSignsOutAndRevokes() {
        var driver = signInAndSeeTheFirstPage();

        driver.findElement(By.id("delete-me")).click();
        chromium.await().until(ExpectedConditions.alertIsPresent()).accept();

        chromium.await().until(visibilityOfElementLocated(By.id("signed-out")));
        assertTrue(driver.manage().getCookieNamed("gitlab_link_session") == null, "session cookie cleared");
        chromium.await().until(d -> emulator.tokensIssuedTo(user.id()).stream().allMatch(token -> token.revoked()));
        chromium.screenshot(testName + "-deleted");
    }

    @Test
    void emptyListsAndRateLimitingAreExplained() {
        var driver = signInAndSeeTheFirstPage();
        // The user has projects but no issues or merge requests.
        chromium.await().until(textToBe(By.id("issues-state"), "No open issues are assigned to you."));
        chromium.await().until(textToBe(By.id("merge-requests-state"),
                "No merge requests are waiting for your review."));

        // The page's three GitLab reads (projects, issues, merge requests) all get GitLab's 429.
        emulator.knobs().rateLimitNext(3, Duration.ofSeconds(30));
        driver.navigate().refresh();
        String limited = "GitLab is rate limiting requests. Try again in 30 seconds.";
        chromium.await().until(textToBe(By.id("projects-state"), limited));
        chromium.await().until(textToBe(By.id("issues-state"), limited));
        chromium.await().until(textToBe(By.id("merge-requests-state"), limited));
        assertEquals(0, driver.findElements(By.cssSelector("#projects li.project")).size());
        chromium.screenshot(testName + "-rate-limited");
    }

    @Test
    void gitLabOutageIsExplainedAndTheDataComesBack() {
        var driver = signInAndSeeTheFirstPage();

        // GitLab closes every connection: each read is retried, then answers 502 gitlab_unavailable (or 503
        // once the circuit opens); every section says so instead of showing stale or empty data.
        emulator.knobs().down(true);
        driver.navigate().refresh();
        String unavailable = "GitLab is unavailable right now. Try again in a moment.";
        chromium.await().until(textToBe(By.id("projects-state"), unavailable));
        chromium.await().until(textToBe(By.id("issues-state"), unavailable));
        chromium.await().until(textToBe(By.id("merge-requests-state"), unavailable));
        assertEquals(0, driver.findElements(By.cssSelector("#projects li.project")).size());
        assertEquals(1, driver.findElements(By.cssSelector("#accounts li.account")).size(),
                "the linked account is kept");
        chromium.screenshot(testName + "-unavailable");

        // GitLab is back; resetting the circuit stands in for its 10 s open delay (GitLabFailureTest covers that).
        emulator.knobs().down(false);
        circuits.resetAll();
        driver.navigate().refresh();
        chromium.await().until(numberOfElementsToBe(By.cssSelector("#projects li.project"), PER_PAGE));
        chromium.await().until(textToBe(By.id("issues-state"), "No open issues are assigned to you."));
    }

    @Test
    void loginErrorIsExplainedOnTheSignedOutPage() {
        var driver = chromium.driver();
        driver.get(settings.baseUrl() + "/?loginError=access_denied");
        chromium.await().until(visibilityOfElementLocated(By.id("login-error")));
        assertTrue(driver.findElement(By.id("login-error")).getText().contains("access to your GitLab account was not"
                + " granted"));
        assertEquals(settings.baseUrl() + "/", driver.getCurrentUrl(), "the error is not kept in the address bar");
        chromium.screenshot(testName + "-error");

        // A real refused callback (tampered state) sends the browser to the same page.
        driver.get(settings.baseUrl() + "/login?returnTo=/");
        chromium.await().until(visibilityOfElementLocated(By.name("username")));
        driver.get(settings.redirectUri() + "?code=bogus&state=tampered");
        chromium.await().until(visibilityOfElementLocated(By.id("signed-out")));
        List<WebElement> error = driver.findElements(By.id("login-error"));
        assertTrue(error.get(0).isDisplayed(), "error shown after a refused callback: " + driver.getCurrentUrl());
    }

    @Test
    void linkingAnotherGitLabAccountShowsItAndARefusalIsExplained() {
        var driver = signInAndSeeTheFirstPage();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        EmulatorUser second = emulator.createUser("spa-second-" + suffix, "Second " + suffix,
                "spa-second-" + suffix + "@example.test");
        // Signed out of GitLab only (the emulator shares the host, so its cookie is visible here), so GitLab asks who
        // signs in for the link.
        driver.manage().deleteCookieNamed("_gitlab_session");

        driver.findElement(By.id("link-account")).click();
        chromium.await().until(visibilityOfElementLocated(By.name("username")));
        driver.findElement(By.name("username")).sendKeys(second.username());
        driver.findElement(By.name("password")).sendKeys(second.password());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();

        chromium.await().until(numberOfElementsToBe(By.cssSelector("#accounts li.account"), 2));
        chromium.await().until(visibilityOfElementLocated(By.id("link-status")));
        assertTrue(driver.findElement(By.id("link-status")).getText().contains("@" + second.username()));
        assertTrue(driver.findElement(By.id("me")).getText().contains(user.name()), "still the first user");
        assertEquals(settings.baseUrl() + "/", driver.getCurrentUrl(), "the outcome is not kept in the address bar");
        chromium.screenshot(testName + "-linked");

        driver.get(settings.baseUrl() + "/?linkError=account_linked_elsewhere");
        chromium.await().until(visibilityOfElementLocated(By.id("alert")));
        assertTrue(driver.findElement(By.id("alert")).getText().contains("already linked to another user"));
    }

    @Test
    void linkingWithACodeShowsTheCodeAndTheOutcome() {
        emulator.knobs().devicePollInterval(Duration.ofSeconds(1));
        var driver = signInAndSeeTheFirstPage();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        EmulatorUser second = emulator.createUser("spa-device-" + suffix, "Device " + suffix,
                "spa-device-" + suffix + "@example.test");

        driver.findElement(By.id("link-device")).click();
        chromium.await().until(visibilityOfElementLocated(By.cssSelector("#device-link .user-code")));
        String userCode = driver.findElement(By.cssSelector("#device-link .user-code")).getText();
        WebElement verification = driver.findElement(By.cssSelector("#device-link a"));
        assertEquals(emulator.baseUrl() + "/oauth/device?user_code=" + userCode, verification.getAttribute("href"));
        chromium.screenshot(testName + "-code");

        assertTrue(emulator.decideDevice(userCode, second, true));
        chromium.await().until(textToBePresentInElementLocated(By.id("device-link"), "The GitLab account is linked."));
        chromium.await().until(textToBePresentInElementLocated(By.id("accounts"), "@" + second.username()));
        assertEquals(2, driver.findElements(By.cssSelector("#accounts li.account")).size());
        assertTrue(driver.findElement(By.id("me")).getText().contains(user.name()), "still the first user");
    }

    @Test
    void theSignInPageOffersEveryInstance() {
        var driver = chromium.driver();
        driver.get(settings.baseUrl() + "/");
        chromium.await().until(visibilityOfElementLocated(By.id("sign-in-" + SecondGitLab.INSTANCE_ID)));
        assertEquals("Sign in with GitLab", driver.findElement(By.id("sign-in")).getText());
        WebElement onSecond = driver.findElement(By.id("sign-in-" + SecondGitLab.INSTANCE_ID));
        assertEquals("Sign in with " + SecondGitLab.NAME, onSecond.getText());
        EmulatorUser there = second.emulator().createUser(user.username(), user.name(), user.email());

        onSecond.click();
        chromium.await().until(visibilityOfElementLocated(By.name("username")));
        assertTrue(driver.getCurrentUrl().startsWith(second.emulator().baseUrl()), driver.getCurrentUrl());
        driver.findElement(By.name("username")).sendKeys(there.username());
        driver.findElement(By.name("password")).sendKeys(there.password());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        chromium.await().until(visibilityOfElementLocated(By.id("signed-in")));
        chromium.await().until(textToBePresentInElementLocated(By.id("accounts"), "on " + SecondGitLab.NAME));
    }

    /** Opens the SPA signed out, signs in through the emulator and waits for the first page of projects. */
    private WebDriver signInAndSeeTheFirstPage() {
        var driver = chromium.driver();
        driver.get(settings.baseUrl() + "/");
        chromium.await().until(visibilityOfElementLocated(By.id("sign-in")));
        signInThroughTheEmulator();
        chromium.await().until(numberOfElementsToBe(By.cssSelector("#projects li.project"), PER_PAGE));
        return driver;
    }

    private void signInThroughTheEmulator() {
        var driver = chromium.driver();
        driver.findElement(By.id("sign-in")).click();
        chromium.await().until(visibilityOfElementLocated(By.name("username")));
        submitEmulatorSignIn();
        chromium.await().until(visibilityOfElementLocated(By.id("signed-in")));
    }

    private void submitEmulatorSignIn() {
        var driver = chromium.driver();
        driver.findElement(By.name("username")).sendKeys(user.username());
        driver.findElement(By.name("password")).sendKeys(user.password());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
    }
}
