package dev.gitlablink.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The numbers one fault case measured: printed, and appended to {@code target/faults/results.txt}. */
final class FaultReport {

    static final Path RESULTS = Path.of("target", "faults", "results.txt");

    private final String name;
    private final Map<String, Object> numbers = new LinkedHashMap<>();

    FaultReport(String name) {
        this.name = name;
    }

    FaultReport put(String key, Object value) {
        numbers.put(key, value);
        return this;
    }

    /** Writes what was measured so far; called whether the case passed or not. */
    void write() {
        String line = name + ": " + numbers.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", ")) + "\n";
        System.out.print("FAULT " + line);
        try {
            Files.createDirectories(RESULTS.getParent());
            Files.writeString(RESULTS, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
