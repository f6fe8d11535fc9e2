package dev.gitlablink.api;

/**
 * What GitLab did with a write: our answer ({@code status}, the {@code view} and its {@code Location}, null for none)
 * and what the audit keeps of it ({@code result}: {@code created} or {@code commands_only}; the created object's ids).
 */
record WriteOutcome(int status, Object view, String location, String result, Long createdId, Long createdIid) {
}
