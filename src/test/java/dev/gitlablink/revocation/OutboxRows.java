package dev.gitlablink.revocation;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Test-only SQL on the revocation outbox, as an operator with database access could run it. */
@ApplicationScoped
public class OutboxRows {

    /** One entry as the table holds it (never its tokens). */
    public record Row(String reason, String state, int attempts, boolean holdsTokens, String lastError) {
    }

    private final DataSource dataSource;
    private final RevocationWorker worker;

    OutboxRows(DataSource dataSource, RevocationWorker worker) {
        this.dataSource = dataSource;
        this.worker = worker;
    }

    /** Every entry, oldest first. */
    public List<Row> all() {
        String sql = "select reason, state, attempts, token_ciphertext is not null, last_error from revocation_outbox"
                + " order by created_at, id";
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    public long count(String state) {
        return all().stream().filter(row -> row.state().equals(state)).count();
    }

    /** Pending entries become due now, as if their backoff had passed. */
    public void makeDue() {
        execute("update revocation_outbox set next_attempt_at = now() where state = 'pending'");
    }

    /** Seconds until the first entry's next attempt. */
    public long secondsUntilNextAttempt() {
        return query("select extract(epoch from next_attempt_at - now())::bigint from revocation_outbox"
                + " order by created_at, id limit 1");
    }

    /** As if every pending entry had been tried {@code attempts} times already. */
    public void setAttempts(int attempts) {
        execute("update revocation_outbox set attempts = " + attempts + " where state = 'pending'");
    }

    /** Empties the table, so a test counts only its own entries. */
    public void clear() {
        execute("delete from revocation_outbox");
    }

    /**
     * Waits until the worker the last commit started has finished its run: no entry is due and the worker is idle.
     * An entry GitLab did not confirm stays pending, due again later.
     */
    public void awaitNothingPending() {
        await().atMost(Duration.ofSeconds(15)).until(() -> worker.idle() && query("select count(*) from"
                + " revocation_outbox where state = 'pending' and next_attempt_at <= now()") == 0 && worker.idle());
    }

    /** Waits until every entry has been tried at least once. */
    public void awaitEveryEntryTried() {
        await().atMost(Duration.ofSeconds(15)).until(() -> all().stream().allMatch(row -> row.attempts() > 0));
    }

    private long query(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
