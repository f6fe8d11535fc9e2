package dev.gitlablink.account;

/** Whether the service can act for a linked account. */
public enum AccountStatus {
    /** Tokens are usable or refreshable. */
    ACTIVE("active"),
    /** GitLab refused the grant (revoked, user blocked): the user must sign in again. */
    REAUTH_REQUIRED("reauth_required"),
    /**
     * The instance's access policy no longer allows the GitLab user: the grant was given up, and only a sign-in the
     * policy allows restores the account.
     */
    FORBIDDEN("forbidden");

    private final String code;

    AccountStatus(String code) {
        this.code = code;
    }

    /** The stable lower_snake value stored in the database and shown to the SPA. */
    public String code() {
        return code;
    }

    static AccountStatus fromCode(String code) {
        for (AccountStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown account status " + code);
    }
}
