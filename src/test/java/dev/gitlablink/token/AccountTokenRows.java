package dev.gitlablink.token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Test-only SQL on a linked account's token columns, as an operator with database access could run it. */
@ApplicationScoped
public class AccountTokenRows {

    /** What the row holds about tokens: ciphertext fingerprints, expiry, status. */
    public record Snapshot(String accessCiphertext, String refreshCiphertext, Instant expiresAt, String status,
            String username, String scopes) {
    }

    private final DataSource dataSource;
    private final TokenService tokens;

    AccountTokenRows(DataSource dataSource, TokenService tokens) {
        this.dataSource = dataSource;
        this.tokens = tokens;
    }

    /** Pretends the stored access token has expired (GitLab itself still accepts it). */
    public void expireAccessToken(String accountId) {
        update("update linked_account set access_token_expires_at = ? where id = ?",
                Timestamp.from(Instant.now().minusSeconds(3600)), UUID.fromString(accountId));
        // As if the token cache's few seconds had passed.
        tokens.evict(UUID.fromString(accountId));
    }

    /** As if the key of the account's tokens had been removed from TOKEN_ENCRYPTION_KEYS. */
    public void makeUndecryptable(String accountId) {
        update("update linked_account set token_key_id = 'removed' where id = ?", UUID.fromString(accountId));
        tokens.evict(UUID.fromString(accountId));
    }

    /** As if another process had claimed the account's lease for {@code length} (and then perhaps died). */
    public void holdLease(String accountId, Duration length) {
        update("update linked_account set refresh_lease_owner = ?, refresh_lease_until = now() + ? * interval"
                + " '1 millisecond' where id = ?", UUID.randomUUID(), length.toMillis(), UUID.fromString(accountId));
    }

    /** Whether a refresh or unlink holds the account's lease now. */
    public boolean leased(String accountId) {
        String sql = "select refresh_lease_until > now() from linked_account where id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(accountId));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Snapshot snapshot(String accountId) {
        String sql = "select access_token_ciphertext, refresh_token_ciphertext, access_token_expires_at, status,"
                + " username, scopes from linked_account where id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(accountId));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new Snapshot(HexFormat.of().formatHex(rs.getBytes(1)), HexFormat.of().formatHex(rs.getBytes(2)),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("no row updated");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
