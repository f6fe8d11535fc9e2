package dev.gitlablink.idempotency;

/** What an {@code Idempotency-Key} means for a request: go ahead, answer as before, or refuse. */
public sealed interface IdempotencyClaim {

    /** The key is new (or its last use expired): this request is the first, and holds the key until it ends. */
    record Claimed() implements IdempotencyClaim {
    }

    /** The first request with this key and body finished: answer what it answered. */
    record Replay(int status, String body, String location) implements IdempotencyClaim {
    }

    /** The first request with this key and body is still in flight. */
    record InFlight() implements IdempotencyClaim {
    }

    /**
     * The first request with this key and body failed where GitLab may have acted (it answered 5xx, or not in time):
     * whether the change was made is unknown, so the request is not sent again under this key.
     */
    record OutcomeUnknown() implements IdempotencyClaim {
    }

    /** The key was used for a request with another body (or another route). */
    record Mismatch() implements IdempotencyClaim {
    }
}
