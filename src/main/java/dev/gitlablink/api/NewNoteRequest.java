package dev.gitlablink.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A comment: {@code body} (Markdown, 1..1,000,000 characters). Lines starting with {@code /} are GitLab quick actions
 * ({@code /merge} merges, {@code /close} closes), refused unless {@code allowQuickActions} is true.
 */
@Schema(name = "NewNote")
public record NewNoteRequest(String body, Boolean allowQuickActions) {
}
