package dev.gitlablink.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import dev.gitlablink.local.LocalPostgres;

/** Reads (and, to age them, rewrites) link_intent rows over its own JDBC connection. */
public final class LinkIntentRows {

    /** The columns tests look at. */
    public record Row(String sessionIdHash, Instant expiresAt, Instant startedAt, Instant consumedAt) {
    }

    private final String jdbcUrl;

    public LinkIntentRows(LocalPostgres postgres) {
        this.jdbcUrl = postgres.jdbcUrl();
    }

    public Optional<Row> find(String idHash) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "select session_id_hash, expires_at, started_at, consumed_at from link_intent where id_hash = ?")) {
            statement.setString(1, idHash);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), instant(rs, 2), instant(rs, 3),
                        instant(rs, 4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the intent expired now, as if its lifetime had passed. */
    public void expire(String idHash) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "update link_intent set expires_at = now() - interval '1 second' where id_hash = ?")) {
            statement.setString(1, idHash);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("no link_intent " + idHash);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "unused");
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        var timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
