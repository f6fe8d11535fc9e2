package dev.gitlablink.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The artifact the build just packaged, jar or native executable, as Quarkus records it in
 * {@code target/quarkus-artifact.properties}: integration tests that start the service themselves run whichever
 * was built, as {@code @QuarkusIntegrationTest} does.
 */
public record PackagedArtifact(Type type, Path path) {

    /** What the build produced. */
    public enum Type {
        JAR, NATIVE
    }

    private static final Path TARGET = Path.of("target");

    /** The artifact of the last {@code package}; fails when nothing was packaged. */
    public static PackagedArtifact current() {
        Path properties = TARGET.resolve("quarkus-artifact.properties");
        if (!Files.exists(properties)) {
            throw new IllegalStateException("package the application first: no " + properties);
        }
        Properties artifact = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            artifact.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Type type = switch (artifact.getProperty("type", "")) {
            case "jar" -> Type.JAR;
            case "native" -> Type.NATIVE;
            default -> throw new IllegalStateException("not a runnable artifact: " + artifact);
        };
        Path path = TARGET.resolve(artifact.getProperty("path"));
        if (!Files.exists(path)) {
            throw new IllegalStateException("the packaged artifact is missing: " + path);
        }
        return new PackagedArtifact(type, path);
    }

    /**
     * The command that runs the artifact with {@code heap} as its fixed heap size (null: the runtime's default)
     * and the given {@code -D} system properties.
     */
    public List<String> command(String heap, List<String> systemProperties) {
        List<String> command = new ArrayList<>();
        if (type == Type.JAR) {
            command.add(ProcessHandle.current().info().command().orElse("java"));
        } else {
            command.add(path.toAbsolutePath().toString());
        }
        if (heap != null) {
            // The whole heap from the start, as the container image does (-XX:InitialRAMPercentage there).
            command.add("-Xms" + heap);
            command.add("-Xmx" + heap);
        }
        command.addAll(systemProperties);
        if (type == Type.JAR) {
            command.add("-jar");
            command.add(path.toString());
        }
        return command;
    }
}
