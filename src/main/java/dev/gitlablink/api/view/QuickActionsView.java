package dev.gitlablink.api.view;

/** The answer to a comment made only of quick actions: GitLab ran them and kept no note. */
public record QuickActionsView(boolean commandsApplied) {
}
