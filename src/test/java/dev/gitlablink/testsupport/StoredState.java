package dev.gitlablink.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.emulator.GitLabEmulator;

/**
 * What the service keeps and what it made GitLab do, as numbers a hostile request must leave unchanged: rows per
 * table, and the emulator's token requests and revocations.
 */
@ApplicationScoped
public class StoredState {

    /** One reading. */
    public record Snapshot(Map<String, Long> rows, Map<String, Long> tokenRequests, long revocations) {
    }

    private static final String[] TABLES = {"gitlab_instance", "app_user", "linked_account", "app_session",
            "link_intent", "device_link", "idempotent_write", "write_audit"};

    private final DataSource dataSource;

    StoredState(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Snapshot read(GitLabEmulator emulator) {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet count = statement.executeQuery("select count(*) from " + table)) {
                    count.next();
                    rows.put(table, count.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Snapshot(rows, Map.copyOf(emulator.stats().tokenRequests()), emulator.stats().revocations());
    }
}
