package dev.gitlablink.token;

/** What a refresh transaction ended with. */
sealed interface RefreshOutcome {

    /** A usable access token: freshly rotated, or rotated meanwhile by another thread or replica. */
    record Usable(String accessToken) implements RefreshOutcome {

        @Override
        public String toString() {
            return "Usable[]";
        }
    }

    /** GitLab refused the grant; the account is now marked {@code reauth_required}. */
    record GrantRevoked() implements RefreshOutcome {
    }

    /** The instance's access policy no longer allows the account's user; the account is {@code forbidden}. */
    record Forbidden() implements RefreshOutcome {
    }
}
