package dev.gitlablink.account;

import java.util.List;

/** An app user together with their linked GitLab accounts. */
public record UserAccounts(UserView user, List<LinkedAccountView> accounts) {
}
