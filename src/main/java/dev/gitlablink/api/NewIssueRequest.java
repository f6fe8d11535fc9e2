package dev.gitlablink.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new issue: {@code title} (1..255 characters, one line), optional {@code description} (Markdown, at most
 * 1,000,000 characters), {@code labels} and {@code confidential}. Lines starting with {@code /} are GitLab quick
 * actions, refused unless {@code allowQuickActions} is true.
 */
@Schema(name = "NewIssue")
public record NewIssueRequest(String title, String description, List<String> labels, Boolean confidential,
        Boolean allowQuickActions) {
}
