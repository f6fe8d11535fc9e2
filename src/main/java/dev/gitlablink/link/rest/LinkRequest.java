package dev.gitlablink.link.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/links}: which GitLab instance to link an account of. */
public record LinkRequest(
        @Schema(description = "Id of the GitLab instance; `default` for the one `GITLAB_URL` names",
                examples = "default") String instance) {
}
