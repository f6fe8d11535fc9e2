package dev.gitlablink.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

/** Which failures {@link DatabaseUnavailable} counts as "the database cannot be reached". */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAnywhereInTheChainCount() {
        assertTrue(DatabaseUnavailable.causes(new SQLException("Connection to localhost:5432 refused", "08001")));
        assertTrue(DatabaseUnavailable.causes(new IllegalStateException("wrapped",
                new RuntimeException(new SQLException("An I/O error occurred", "08006")))));
        assertTrue(DatabaseUnavailable.causes(new SQLException("terminating connection", "57P01")));
        assertTrue(DatabaseUnavailable.causes(new SQLTransientConnectionException("gone")));
    }

    @Test
    void aPoolThatGaveUpWaitingCounts() {
        assertTrue(DatabaseUnavailable.causes(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(DatabaseUnavailable.causes(
                new SQLException("Acquisition timeout while waiting for new connection")));
    }

    @Test
    void otherDatabaseErrorsAndBugsDoNot() {
        assertFalse(DatabaseUnavailable.causes(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseUnavailable.causes(new SQLException("no state")));
        assertFalse(DatabaseUnavailable.causes(new IllegalStateException("a bug")));
    }
}
