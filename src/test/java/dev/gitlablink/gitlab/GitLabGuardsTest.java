package dev.gitlablink.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.netty.channel.ConnectTimeoutException;

/** Which failures count against the GitLab instance's circuit breaker, shared by all its users. */
class GitLabGuardsTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("connection refused", GitLabErrors.transportFailure("projects",
                        new java.net.ConnectException("Connection refused")), true),
                Arguments.of("connection timed out", GitLabErrors.transportFailure("projects",
                        new ConnectTimeoutException("connection timed out")), true),
                Arguments.of("answer too slow", GitLabErrors.transportFailure("projects",
                        new TimeoutException("read timed out")), false),
                Arguments.of("500", new GitLabServerErrorException(500, null), false),
                Arguments.of("501", new GitLabServerErrorException(501, null), false),
                Arguments.of("502", new GitLabServerErrorException(502, null), true),
                Arguments.of("503", new GitLabServerErrorException(503, Duration.ofSeconds(5)), true),
                Arguments.of("504", new GitLabServerErrorException(504, null), true),
                Arguments.of("429", new GitLabRateLimitedException(Duration.ofSeconds(5)), false),
                Arguments.of("404", new GitLabNotFoundException("404"), false),
                Arguments.of("403", new GitLabForbiddenException("403"), false),
                Arguments.of("401", new GitLabTokenRejectedException("401"), false),
                Arguments.of("answer cut short", new GitLabBadResponseException("truncated", null), false),
                Arguments.of("a bug of ours", new IllegalStateException("bug"), false));
    }

    @ParameterizedTest(name = "{0} counts: {2}")
    @MethodSource("failures")
    void onlyFailuresOfTheInstanceCount(String what, Throwable failure, boolean counts) {
        assertEquals(counts, GitLabGuards.instanceFailing(failure), what);
    }
}
