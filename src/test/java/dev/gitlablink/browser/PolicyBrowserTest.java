package dev.gitlablink.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.openqa.selenium.By;

import dev.gitlablink.emulator.EmulatorData;
import dev.gitlablink.emulator.EmulatorGroup;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.policy.PolicySweep;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.TestPolicy;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The SPA under an access policy, in real headless Chromium: a refused sign-in, and a user removed from the group. */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class,
        initArgs = @ResourceArg(name = LocalServicesResource.ACCESS_POLICY, value = "true"))
class PolicyBrowserTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    PolicySweep sweep;

    ChromiumBrowser chromium;

    @BeforeEach
    void start() {
        // Each test, not the class: a class-level skip is counted as no test at all.
        ChromiumBrowser.requireInstalled();
        chromium = ChromiumBrowser.start();
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aSignInThePolicyRefusesIsExplained() {
        EmulatorUser outsider = newUser("outsider");

        signIn(outsider);

        chromium.await().until(visibilityOfElementLocated(By.id("login-error")));
        String message = chromium.driver().findElement(By.id("login-error")).getText();
        assertTrue(message.contains("not allowed to use this service"), message);
        assertTrue(chromium.driver().findElement(By.id("signed-out")).isDisplayed());
        assertEquals(settings.baseUrl() + "/", chromium.driver().getCurrentUrl(), "the error leaves the address bar");
        chromium.screenshot("policy-refused");
    }

    @Test
    void aMemberRemovedFromTheGroupIsSignedOut() {
        EmulatorUser member = newUser("member");
        EmulatorGroup group = allowedGroup();
        emulator.data().addGroupMember(group.id(), member.id(), EmulatorData.DEVELOPER);

        signIn(member);
        chromium.await().until(visibilityOfElementLocated(By.id("signed-in")));

        emulator.data().removeGroupMember(group.id(), member.id());
        sweep.runOnce();
        chromium.driver().navigate().refresh();

        chromium.await().until(visibilityOfElementLocated(By.id("signed-out")));
    }

    /** The allowed group ({@code acme/platform}), created with its parent on first use. */
    private EmulatorGroup allowedGroup() {
        if (emulator.data().group("acme").isEmpty()) {
            emulator.data().createGroup("acme", "Acme");
        }
        return emulator.data().group(TestPolicy.ALLOWED_GROUP)
                .orElseGet(() -> emulator.data().createGroup(TestPolicy.ALLOWED_GROUP, "Platform"));
    }

    private void signIn(EmulatorUser user) {
        var driver = chromium.driver();
        driver.get(settings.baseUrl() + "/");
        chromium.await().until(visibilityOfElementLocated(By.id("sign-in")));
        driver.findElement(By.id("sign-in")).click();
        chromium.await().until(visibilityOfElementLocated(By.name("username")));
        driver.findElement(By.name("username")).sendKeys(user.username());
        driver.findElement(By.name("password")).sendKeys(user.password());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    private EmulatorUser newUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return emulator.createUser(username, "Policy " + prefix, username + "@example.test");
    }
}
