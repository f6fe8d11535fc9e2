package dev.gitlablink.idempotency;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gitlablink.emulator.EmulatorProject;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.testsupport.LocalServices;
import dev.gitlablink.testsupport.LocalServicesResource;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;
import dev.gitlablink.testsupport.WriteScopes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** An Idempotency-Key's answer lives a day: then the key is free again, and the hourly purge deletes the row. */
@QuarkusTest
@TestProfile(WriteScopes.class)
@WithTestResource(LocalServicesResource.class)
class IdempotencyExpiryTest {

    @LocalServices
    GitLabEmulator emulator;

    @LocalServices
    TestSettings settings;

    @Inject
    DataSource dataSource;

    @Inject
    IdempotencyStore idempotency;

    @Test
    void anAnswerIsKeptForADayThenTheKeyIsFreeAndThePurgeDeletesIt() throws SQLException {
        SignedInUser user = SignedInUser.signIn(emulator, settings, "expiry");
        EmulatorProject project = emulator.data().createProject(user.gitLabUser().username(), "e", "E");
        String issues = user.account() + "/projects/" + project.id() + "/issues";
        String key = UUID.randomUUID().toString();
        user.api().header("X-CSRF", "1").contentType("application/json").header("Idempotency-Key", key)
                .body(Map.of("title", "Yesterday")).when().post(issues).then().statusCode(201);
        assertEquals(1, expire(key));

        // A day later the key means nothing any more: another body is a new issue, not a 422.
        user.api().header("X-CSRF", "1").contentType("application/json").header("Idempotency-Key", key)
                .body(Map.of("title", "Today")).when().post(issues).then().statusCode(201)
                .body("title", equalTo("Today"));
        assertEquals(2, emulator.data().issuesOf(project.id()).size());

        assertEquals(1, expire(key));
        assertTrue(idempotency.purgeExpired() >= 1);
        try (Connection connection = dataSource.getConnection(); PreparedStatement count = connection.prepareStatement(
                "select count(*) from idempotent_write where idempotency_key = ?")) {
            count.setString(1, key);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getLong(1));
            }
        }
    }

    /** Moves the key's expiry into the past, as if a day had gone by. */
    private int expire(String key) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update idempotent_write set expires_at = now() - interval '1 second' where idempotency_key = ?")) {
            update.setString(1, key);
            return update.executeUpdate();
        }
    }
}
