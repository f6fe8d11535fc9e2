package dev.gitlablink.emulator.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Rails' JSON time format: milliseconds and a literal Z; {@code null} stays {@code null}. */
final class ApiTimes {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ApiTimes() {
    }

    static String format(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }
}
