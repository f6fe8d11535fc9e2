package dev.gitlablink.gitlab;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GitLab's OIDC userinfo claims (GitLab omits empty ones, so every field may be null). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GitLabUserInfo(
        String sub,
        String name,
        String nickname,
        @JsonProperty("preferred_username") String preferredUsername,
        String email,
        @JsonProperty("email_verified") Boolean emailVerified,
        String profile,
        String picture,
        List<String> groups) {

    /** GitLab's username: {@code preferred_username}, or {@code nickname} on older GitLab. */
    public String username() {
        return preferredUsername != null ? preferredUsername : nickname;
    }
}
