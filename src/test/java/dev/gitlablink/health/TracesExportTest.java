package dev.gitlablink.health;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.NoTokens;
import dev.gitlablink.testsupport.OtlpCollector;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import dev.gitlablink.token.AccountTokenRows;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With an OTLP endpoint configured, the service exports spans for the request, the token refresh and the GitLab
 * calls to it, and no token or authorization code goes with them.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = OtlpCollector.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TracesExportTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @LocalServices
    OtlpCollector collector;

    @Inject
    AccountTokenRows rows;

    @Test
    void aReadThatRefreshesExportsItsSpans() throws InterruptedException {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "traces");
        rows.expireAccessToken(user.accountId());
        user.api().accept("application/json").when().get(user.account() + "/user").then().statusCode(200);

        List<String> expected = List.of(
                "gitlab-link token refresh",
                "/api/accounts/{accountId}/user",
                "/oauth/token",
                "/api/v4/user");
        String exported = "";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            exported = collector.exported();
            String sent = exported;
            if (expected.stream().allMatch(sent::contains)) {
                break;
            }
            Thread.sleep(100);
        }
        for (String span : expected) {
            assertTrue(exported.contains(span), "the exported spans name " + span + " (" + collector.exports()
                    + " exports received)");
        }
        assertTrue(exported.contains("gitlab-link"), "the spans carry the service name");
        assertTrue(exported.contains("code=REDACTED&state=REDACTED"),
                "the callback's span is exported with its authorization code and state redacted");
        NoTokens.in(exported, emulator, user.gitLabUser());
    }
}
