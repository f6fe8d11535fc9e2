package dev.gitlablink.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.gitlablink.local.LocalPostgres;

/**
 * Reads linked_account rows with plain SQL, as an auditor with database access would: over its own JDBC
 * connection, so it works the same against the service in this JVM and against a packaged one.
 */
public final class AccountRows {

    /** The columns tests look at. */
    public record Row(UUID id, UUID userId, String username, String email, String status, Instant lastSignInAt,
            Instant accessTokenExpiresAt, Instant userLastSignInAt) {
    }

    private final String jdbcUrl;

    AccountRows(LocalPostgres postgres) {
        this.jdbcUrl = postgres.jdbcUrl();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "unused");
    }

    public Optional<Row> find(String instanceUrl, String gitlabUserId) {
        String sql = """
                select a.id, a.user_id, a.username, a.email, a.status, a.last_sign_in_at, a.access_token_expires_at,
                       u.last_sign_in_at
                from linked_account a join gitlab_instance i on i.id = a.gitlab_instance_id
                join app_user u on u.id = a.user_id
                where i.base_url = ? and a.gitlab_user_id = ?""";
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, instanceUrl);
            statement.setString(2, gitlabUserId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long countFor(String instanceUrl, String gitlabUserId) {
        String sql = """
                select count(*) from linked_account a join gitlab_instance i on i.id = a.gitlab_instance_id
                where i.base_url = ? and a.gitlab_user_id = ?""";
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, instanceUrl);
            statement.setString(2, gitlabUserId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Moves one account to the GitLab instance at {@code instanceUrl} (recorded first if new), as if that instance had
     * been configured once and then removed from the configuration.
     */
    public void moveToInstance(String accountId, String instanceUrl) {
        String sql = """
                with instance as (
                    insert into gitlab_instance (base_url, created_at) values (?, now())
                    on conflict (base_url) do update set base_url = excluded.base_url returning id)
                update linked_account set gitlab_instance_id = (select id from instance) where id = ?::uuid""";
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, instanceUrl);
            statement.setString(2, accountId);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("no account " + accountId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The encrypted token columns, key id and expiry of one account, as text: changes whenever its tokens do. */
    public String rawRow(String accountId) {
        String sql = """
                select token_key_id, encode(access_token_ciphertext, 'hex'), encode(refresh_token_ciphertext, 'hex'),
                       access_token_expires_at
                from linked_account where id = ?""";
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(accountId));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no linked_account " + accountId);
                }
                return rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getTimestamp(4);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every column of every row, as text (bytea in PostgreSQL's hex form), one line per row. */
    public String rawTableDump() {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select * from linked_account")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof byte[] bytes) {
                        dump.append(java.util.HexFormat.of().formatHex(bytes)).append('|')
                                .append(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
                    } else {
                        dump.append(value);
                    }
                    dump.append('|');
                }
                dump.append('\n');
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dump.toString();
    }
}
