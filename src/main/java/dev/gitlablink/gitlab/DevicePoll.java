package dev.gitlablink.gitlab;

/**
 * Where a device authorization stands after one poll of GitLab's token endpoint (RFC 8628 section 3.5). Only
 * {@link Approved} ends the grant well; {@link Pending} and {@link SlowDown} mean "poll again" (the latter
 * after a longer wait); {@link Denied} and {@link Expired} end it.
 */
public sealed interface DevicePoll {

    /** The user approved: GitLab issued a token pair. */
    record Approved(GitLabTokenResponse tokens) implements DevicePoll {
    }

    /** The user has not decided yet ({@code authorization_pending}). */
    record Pending() implements DevicePoll {
    }

    /** Polled sooner than the interval allows ({@code slow_down}): RFC 8628 says wait 5 s longer from now on. */
    record SlowDown() implements DevicePoll {
    }

    /** The user refused ({@code access_denied}). */
    record Denied() implements DevicePoll {
    }

    /** The device code outlived {@code expires_in} ({@code expired_token}); start again. */
    record Expired() implements DevicePoll {
    }
}
