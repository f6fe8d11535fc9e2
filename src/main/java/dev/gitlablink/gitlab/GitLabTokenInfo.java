package dev.gitlablink.gitlab;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GitLab's {@code /oauth/token/info} answer: whose token, which scopes, how long it still lives. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitLabTokenInfo(
        @JsonProperty("resource_owner_id") Long resourceOwnerId,
        List<String> scope,
        @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("created_at") Long createdAt,
        Application application) {

    /** The OAuth application the token belongs to. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Application(String uid) {
    }

    /** Scopes as GitLab writes them elsewhere: space-separated. */
    public String scopes() {
        return scope == null ? "" : String.join(" ", scope);
    }
}
