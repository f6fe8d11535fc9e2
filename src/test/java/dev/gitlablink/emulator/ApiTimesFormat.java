package dev.gitlablink.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Rails' JSON time format, written independently of the emulator's own formatter. */
final class ApiTimesFormat {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ApiTimesFormat() {
    }

    static String of(Instant instant) {
        return FORMAT.format(instant);
    }
}
