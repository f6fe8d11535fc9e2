package dev.gitlablink.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Fails the test run when a token the GitLab emulator issued (access, refresh or ID token) appears in any log of
 * the run: the services' logs ({@code quarkus.log} of the {@code @QuarkusTest} applications, the packaged
 * service's logs of the integration tests) in the directory named by the system property
 * {@code gitlab-link.test.log-dir}, which the build sets and this listener empties when the run starts. The
 * emulator writes the values it issues into the same directory.
 */
public class TokenLogScan implements LauncherSessionListener {

    static final String DIRECTORY_PROPERTY = "gitlab-link.test.log-dir";
    static final String TOKENS_FILE = "issued-tokens.txt";

    /** GitLab's tokens are 64 hex characters; ID tokens are JWTs. */
    private static final Pattern CANDIDATE = Pattern.compile(
            "[0-9a-f]{64}|eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        directory().ifPresent(TokenLogScan::empty);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        directory().ifPresent(directory -> {
            List<String> leaks = scan(directory);
            if (!leaks.isEmpty()) {
                throw new AssertionError("GitLab tokens issued by the emulator appear in the logs of this test run "
                        + "(first characters shown):\n" + String.join("\n", leaks));
            }
        });
    }

    /** Where each issued token appears in a log of {@code directory}: file, line and the token's first characters. */
    static List<String> scan(Path directory) {
        Path tokensFile = directory.resolve(TOKENS_FILE);
        if (!Files.exists(tokensFile)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            Set<String> tokens = new HashSet<>(Files.readAllLines(tokensFile, StandardCharsets.UTF_8));
            tokens.remove("");
            List<String> leaks = new ArrayList<>();
            for (Path log : files.filter(file -> file.getFileName().toString().contains(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher candidate = CANDIDATE.matcher(lines.get(i));
                    while (candidate.find()) {
                        if (tokens.contains(candidate.group())) {
                            leaks.add(log.getFileName() + ":" + (i + 1) + ": " + candidate.group().substring(0, 8)
                                    + "...");
                        }
                    }
                }
            }
            return leaks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.Optional<Path> directory() {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        return directory == null || directory.isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(Path.of(directory));
    }

    private static void empty(Path directory) {
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
