package dev.gitlablink.emulator.api;

import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.state.UserStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** GitLab's {@code API::Entities::UserBasic}: authors, assignees and reviewers. */
final class UserBasicEntity {

    private UserBasicEntity() {
    }

    static JsonObject of(EmulatorUser user) {
        return new JsonObject()
                .put("id", user.id())
                .put("username", user.username())
                .put("public_email", user.publicEmail() == null ? "" : user.publicEmail())
                .put("name", user.name())
                .put("state", "active")
                .put("locked", false)
                .put("avatar_url", user.avatarUrl())
                .put("web_url", user.webUrl());
    }

    static JsonObject of(UserStore users, long userId) {
        return users.findById(userId).map(UserBasicEntity::of).orElse(null);
    }

    static JsonArray list(UserStore users, List<Long> userIds) {
        JsonArray array = new JsonArray();
        userIds.forEach(id -> array.add(of(users, id)));
        return array;
    }
}
