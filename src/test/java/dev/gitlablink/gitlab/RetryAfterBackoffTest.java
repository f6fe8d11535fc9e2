package dev.gitlablink.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryAfterBackoffTest {

    @Test
    void honoursRetryAfterUpToTheCap() {
        RetryAfterBackoff backoff = new RetryAfterBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));

        assertEquals(2000, backoff.nextDelayInMillis(
                new GitLabUnavailableException("503", Duration.ofSeconds(2), null)));
        assertEquals(5000, backoff.nextDelayInMillis(
                new GitLabUnavailableException("503", Duration.ofSeconds(120), null)));
    }

    @Test
    void growsExponentiallyWithJitterOtherwise() {
        RetryAfterBackoff backoff = new RetryAfterBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        GitLabUnavailableException failure = new GitLabUnavailableException("reset", null, null);

        long first = backoff.nextDelayInMillis(failure);
        long second = backoff.nextDelayInMillis(failure);
        assertTrue(first >= 100 && first <= 125, "first " + first);
        assertTrue(second >= 200 && second <= 250, "second " + second);
    }
}
