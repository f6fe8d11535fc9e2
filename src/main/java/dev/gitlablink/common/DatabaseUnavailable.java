package dev.gitlablink.common;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Tells a database the service cannot reach right now (down, restarting, refusing connections, or every pooled
 * connection busy for longer than the pool waits) from other failures: the first is a 503 to try again shortly,
 * the others are bugs.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure} or one of its causes says the database could not be reached. */
    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLException sql && unreachable(sql)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean unreachable(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null) {
            // Class 08: connection exceptions; 57P01..57P03: the server shutting down, crashed or starting.
            return state.startsWith("08") || state.startsWith("57P");
        }
        // Agroal's pool gives up waiting for a connection with a plain SQLException and no SQL state.
        String message = sql.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
