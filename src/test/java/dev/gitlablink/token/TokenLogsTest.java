package dev.gitlablink.token;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A full sign-in, a refresh and an unlink leave none of the tokens GitLab issued in the service's log (at DEBUG),
 * and the lines the requests caused carry their request id.
 */
@QuarkusTest
@WithTestResource(value = LocalServicesResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TokenLogsTest {

    private static final Pattern REQUEST_ID = Pattern.compile("\\[[0-9a-f-]{36}] Signed in app user");

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    AccountTokenRows rows;

    @Test
    void signInRefreshAndUnlinkLogNoToken() throws IOException {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "logs");
        rows.expireAccessToken(user.accountId());
        user.api().accept("application/json").when().get(user.account() + "/user").then().statusCode(200);
        user.api().header("X-CSRF", "1").when().delete(user.account()).then().statusCode(204);

        List<EmulatorToken> issued = emulator.tokensIssuedTo(user.gitLabUser().id());
        assertTrue(issued.size() >= 2, "GitLab issued the sign-in's pair and the refresh's");
        String log = Files.readString(logFile(), StandardCharsets.ISO_8859_1);
        assertTrue(log.contains("Signed in app user"), "the log file is the service's");
        for (EmulatorToken token : issued) {
            assertTrue(!log.contains(token.accessToken()) && !log.contains(token.refreshToken()),
                    "a token GitLab issued appears in the service's log");
        }
        assertTrue(REQUEST_ID.matcher(log).find(), "the sign-in's log line names its request id");
    }

    private static Path logFile() {
        return Path.of(ConfigProvider.getConfig().getValue("quarkus.log.file.path", String.class));
    }
}
