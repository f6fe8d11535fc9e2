package dev.gitlablink.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class TokenRedactionFilterTest {

    static final String JWT = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIiwibmFtZSI6IkFsaWNlIn0.c2lnbmF0dXJl-_x";

    final TokenRedactionFilter filter = new TokenRedactionFilter();

    @Test
    void aJwtInTheMessageIsRedacted() {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "ID token %s refused", ExtLogRecord.FormatStyle.PRINTF,
                "test");
        record.setParameters(new Object[] {JWT});

        assertTrue(filter.isLoggable(record));
        assertEquals("ID token [redacted JWT] refused", record.getFormattedMessage());
    }

    @Test
    void aJwtInTheStackTraceIsRedactedAndTheTraceKeptAsText() {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "sign-in failed", "test");
        record.setThrown(new IllegalStateException("wrapped",
                new IllegalArgumentException("Invalid JWS Signature: JsonWebSignature{}->" + JWT)));

        assertTrue(filter.isLoggable(record));
        assertNull(record.getThrown());
        String text = record.getFormattedMessage();
        assertFalse(text.contains("eyJ"), text);
        assertTrue(text.contains("sign-in failed"), text);
        assertTrue(text.contains("IllegalArgumentException: Invalid JWS Signature: JsonWebSignature{}->[redacted JWT]"),
                text);
    }

    @Test
    void otherRecordsPassUntouched() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "Purged %d expired sessions",
                ExtLogRecord.FormatStyle.PRINTF, "test");
        Object[] parameters = {3};
        record.setParameters(parameters);
        IllegalStateException thrown = new IllegalStateException("no token here");
        record.setThrown(thrown);

        assertTrue(filter.isLoggable(record));
        assertSame(parameters, record.getParameters());
        assertSame(thrown, record.getThrown());
        assertEquals("Purged 3 expired sessions", record.getFormattedMessage());
    }
}
