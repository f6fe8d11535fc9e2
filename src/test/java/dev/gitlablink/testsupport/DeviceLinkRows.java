package dev.gitlablink.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import dev.gitlablink.local.LocalPostgres;

/** Reads (and, to make them due, rewrites) device_link rows over its own JDBC connection. */
public final class DeviceLinkRows {

    /** The columns tests look at. */
    public record Row(UUID userId, String status, UUID accountId, int intervalSeconds, int polls,
            byte[] deviceCodeCiphertext) {
    }

    private final String jdbcUrl;

    public DeviceLinkRows(LocalPostgres postgres) {
        this.jdbcUrl = postgres.jdbcUrl();
    }

    public Optional<Row> find(String id) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "select user_id, status, account_id, interval_seconds, polls, device_code_ciphertext"
                        + " from device_link where id = ?")) {
            statement.setObject(1, UUID.fromString(id));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, UUID.class), rs.getInt(4), rs.getInt(5), rs.getBytes(6))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code sql} (with the row's id as its one parameter) on the row, e.g. to make it due now. */
    public void update(String id, String set) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "update device_link set " + set + " where id = ?")) {
            statement.setObject(1, UUID.fromString(id));
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("no device_link " + id);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "unused");
    }
}
