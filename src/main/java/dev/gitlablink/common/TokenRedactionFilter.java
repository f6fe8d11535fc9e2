package dev.gitlablink.common;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Keeps JWTs (ID tokens) out of every log line, whoever logs them: quarkus-oidc, through jose4j, puts a rejected ID
 * token whole into its error message ("Invalid JWS Signature ... -> eyJ..."). A record that holds one is rewritten
 * with the token replaced, its stack trace folded into the message text; all others pass untouched, after one
 * substring check.
 */
@LoggingFilter(name = TokenRedactionFilter.NAME)
public final class TokenRedactionFilter implements Filter {

    /** Name used in {@code quarkus.log.*.filter}. */
    public static final String NAME = "token-redaction";

    static final String REDACTED = "[redacted JWT]";
    private static final String JWT_START = "eyJ";
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = formatted(record);
        String trace = record.getThrown() == null ? "" : stackTrace(record.getThrown());
        if (!message.contains(JWT_START) && !trace.contains(JWT_START)) {
            return true;
        }
        String text = trace.isEmpty() ? message : message + System.lineSeparator() + trace;
        String redacted = JWT.matcher(text).replaceAll(REDACTED);
        if (record instanceof ExtLogRecord extended) {
            extended.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
        } else {
            record.setMessage(redacted);
        }
        record.setParameters(null);
        record.setThrown(null);
        return true;
    }

    private static String formatted(LogRecord record) {
        if (record instanceof ExtLogRecord extended) {
            String message = extended.getFormattedMessage();
            return message == null ? "" : message;
        }
        return record.getMessage() == null ? "" : record.getMessage();
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
