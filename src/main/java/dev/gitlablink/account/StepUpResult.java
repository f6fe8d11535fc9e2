package dev.gitlablink.account;

/** How a step-up's grant fared: it replaced the account's, or the account is not the user's, or GitLab signed in someone else. */
public enum StepUpResult {
    REPLACED,
    ACCOUNT_NOT_FOUND,
    OTHER_IDENTITY
}
