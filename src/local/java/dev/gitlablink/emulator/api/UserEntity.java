package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.state.UserStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** GitLab's {@code API::Entities::UserPublic} as {@code GET /user} returns it for a regular user. */
final class UserEntity {

    /** Rails' JSON time format: milliseconds and a literal Z. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private UserEntity() {
    }

    static JsonObject forSelf(EmulatorUser user, UserStore users) {
        Instant signedIn = users.currentSignInAt(user);
        return new JsonObject()
                .put("id", user.id())
                .put("username", user.username())
                .put("email", user.email())
                .put("name", user.name())
                .put("state", users.state(user.id()))
                .put("locked", false)
                .put("avatar_url", user.avatarUrl())
                .put("web_url", user.webUrl())
                .put("created_at", TIME.format(user.createdAt()))
                .put("bio", "")
                .put("location", "")
                .put("public_email", user.publicEmail())
                .put("linkedin", "")
                .put("twitter", "")
                .put("discord", "")
                .put("github", "")
                .put("website_url", "")
                .put("organization", "")
                .put("job_title", "")
                .put("pronouns", null)
                .put("bot", users.bot(user.id()))
                .put("work_information", null)
                .put("followers", 0)
                .put("following", 0)
                .put("local_time", null)
                .put("last_sign_in_at", TIME.format(signedIn))
                .put("confirmed_at", TIME.format(user.createdAt()))
                .put("theme_id", 3)
                .put("last_activity_on", DATE.format(signedIn))
                .put("color_scheme_id", 1)
                .put("projects_limit", 100000)
                .put("current_sign_in_at", TIME.format(signedIn))
                .put("identities", new JsonArray())
                .put("can_create_group", true)
                .put("can_create_project", true)
                .put("two_factor_enabled", false)
                .put("external", false)
                .put("private_profile", false)
                .put("commit_email", user.email())
                .put("preferred_language", "en");
    }
}
