package dev.gitlablink.gitlab.model;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** GitLab's current user ({@code GET /user}); only the fields the service uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GitLabUser(Long id, String username, String name, String state, String email, String publicEmail,
        String avatarUrl, String webUrl, String bio, String location, String organization, String jobTitle,
        Boolean bot, Instant createdAt, LocalDate lastActivityOn, Instant lastSignInAt) {
}
