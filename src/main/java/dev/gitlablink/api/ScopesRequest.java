package dev.gitlablink.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The GitLab scopes an account should keep. */
public record ScopesRequest(
        @Schema(description = "Among the granted scopes, including the instance's sign-in scopes",
                examples = "[\"openid\", \"profile\", \"email\", \"read_user\", \"read_api\"]") List<String> scopes) {
}
