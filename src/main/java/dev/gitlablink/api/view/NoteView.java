package dev.gitlablink.api.view;

import java.time.Instant;

import dev.gitlablink.gitlab.model.GitLabNote;

/** A comment on an issue or a merge request; {@code noteableType} is {@code issue} or {@code merge_request}. */
public record NoteView(Long id, String body, PersonView author, Instant createdAt, String noteableType,
        Long noteableIid, Long projectId) {

    public static NoteView of(GitLabNote note) {
        return new NoteView(note.id(), note.body(), PersonView.of(note.author()), note.createdAt(),
                "MergeRequest".equals(note.noteableType()) ? "merge_request" : "issue", note.noteableIid(),
                note.projectId());
    }
}
