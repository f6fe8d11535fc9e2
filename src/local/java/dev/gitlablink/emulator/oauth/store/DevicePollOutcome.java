package dev.gitlablink.emulator.oauth.store;

/** What a device-code poll of {@code POST /oauth/token} gets. */
public sealed interface DevicePollOutcome {

    /** Unknown device code or one of another client. */
    record InvalidGrant() implements DevicePollOutcome {
    }

    /** The code expired; the grant is deleted. */
    record Expired() implements DevicePollOutcome {
    }

    /** Polled again within the interval. */
    record SlowDown() implements DevicePollOutcome {
    }

    /** The user has not decided yet. */
    record Pending() implements DevicePollOutcome {
    }

    /** The user denied access. */
    record Denied() implements DevicePollOutcome {
    }

    /** The user approved; the grant is consumed. */
    record Approved(DeviceGrant grant) implements DevicePollOutcome {
    }
}
