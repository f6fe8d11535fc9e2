package dev.gitlablink.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.regex.Pattern;

import dev.gitlablink.emulator.EmulatorToken;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;

/**
 * Asserts that an answer of the service holds no GitLab secret: none of the tokens the emulator issued to the given
 * users, and nothing shaped like one (access and refresh tokens and authorization codes are 64 lowercase hex
 * characters, Doorkeeper's generator; the service writes no such string of its own, its ids being UUIDs and its
 * cookie base64url; Gravatar URLs, which carry a 64-hex hash, are the one exception).
 */
public final class NoTokens {

    private static final Pattern GITLAB_SECRET = Pattern.compile("(?<!avatar/)(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])");

    private NoTokens() {
    }

    public static void in(String answer, GitLabEmulator emulator, EmulatorUser... users) {
        assertFalse(GITLAB_SECRET.matcher(answer).find(), () -> "a GitLab token or code in the answer: " + answer);
        for (EmulatorUser user : users) {
            for (EmulatorToken token : emulator.tokensIssuedTo(user.id())) {
                assertFalse(answer.contains(token.accessToken()), () -> "an access token in the answer: " + answer);
                assertFalse(token.refreshToken() != null && answer.contains(token.refreshToken()),
                        () -> "a refresh token in the answer: " + answer);
            }
        }
    }
}
