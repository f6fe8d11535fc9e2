package dev.gitlablink.emulator.oauth.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * For the test run's log scan: appends every token value the emulator issues (access, refresh and ID tokens) to
 * {@value #FILE_NAME} in the directory named by the system property {@value #DIRECTORY_PROPERTY}, which only the
 * build's test runs set. A file, not memory: the scan runs outside the Quarkus class loader that holds the emulator.
 */
public final class IssuedTokenRecord {

    public static final String DIRECTORY_PROPERTY = "gitlab-link.test.log-dir";
    public static final String FILE_NAME = "issued-tokens.txt";

    private IssuedTokenRecord() {
    }

    public static synchronized void record(String... values) {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null || directory.isBlank()) {
            return;
        }
        try {
            Path file = Path.of(directory, FILE_NAME);
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", values) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
