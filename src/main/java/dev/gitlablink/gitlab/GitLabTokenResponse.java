package dev.gitlablink.gitlab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GitLab's {@code /oauth/token} answer. Never logged: {@link #toString()} hides the tokens. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitLabTokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        String scope,
        @JsonProperty("created_at") Long createdAt) {

    @Override
    public String toString() {
        return "GitLabTokenResponse[expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
