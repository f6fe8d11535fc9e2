package dev.gitlablink.emulator;

import java.time.Instant;

/**
 * A GitLab user of the emulator.
 *
 * @param id          numeric user id (from 1000 up)
 * @param username    login name, also the profile path
 * @param name        full name
 * @param email       primary (confirmed) email
 * @param password    sign-in password
 * @param avatarUrl   absolute Gravatar URL, as GitLab shows for users without an upload
 * @param webUrl      {@code <base>/<username>}
 * @param publicEmail public email or {@code null} (GitLab's default: none)
 * @param createdAt   creation time
 */
public record EmulatorUser(long id, String username, String name, String email, String password, String avatarUrl,
        String webUrl, String publicEmail, Instant createdAt) {

    /** Never print the password, e.g. in test failure messages. */
    @Override
    public String toString() {
        return "EmulatorUser[id=" + id + ", username=" + username + "]";
    }
}
