package dev.gitlablink.account;

import java.util.UUID;

/** Outcome of linking a GitLab identity to a signed-in user. */
public record LinkResult(Outcome outcome, UUID accountId) {

    /** What happened to the identity. */
    public enum Outcome {
        /** Newly linked to the user. */
        LINKED,
        /** Already the user's: its profile and tokens were refreshed. */
        RELINKED,
        /** Linked to another user: nothing changed, and the new tokens are not kept. */
        LINKED_ELSEWHERE
    }

    public boolean refused() {
        return outcome == Outcome.LINKED_ELSEWHERE;
    }
}
