package dev.gitlablink.gitlab;

import dev.gitlablink.gitlab.model.GitLabNote;

/**
 * What GitLab made of a comment: the note it created, or, when the comment held only quick actions (GitLab's 202),
 * no note ({@code note} null) and the actions' effect.
 */
public record GitLabNoteResult(GitLabNote note, boolean commandsOnly) {
}
