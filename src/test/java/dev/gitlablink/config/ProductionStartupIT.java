package dev.gitlablink.config;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The packaged application in production mode refuses to start without its secrets, and says which
 * environment variables are missing.
 */
class ProductionStartupIT {

    static final List<String> REQUIRED = List.of("GITLAB_CLIENT_ID", "GITLAB_CLIENT_SECRET", "TOKEN_ENCRYPTION_KEYS",
            "SESSION_ENCRYPTION_SECRET");

    @Test
    void refusesToStartWithoutSecretsAndNamesThem() throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "run after package: " + jar);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Dquarkus.http.port=0", "-jar", jar.toString())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        REQUIRED.forEach(environment::remove);
        environment.remove("QUARKUS_PROFILE");
        Path output = Files.createTempFile("prod-startup", ".log");
        builder.redirectOutput(output.toFile());

        Process process = builder.start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String log = Files.readString(output);
        Files.deleteIfExists(output);

        assertTrue(exited, "the application should have exited, but kept running:\n" + log);
        assertNotEquals(0, process.exitValue(), log);
        for (String variable : REQUIRED) {
            assertTrue(log.contains(variable), variable + " is not named in the start-up failure:\n" + log);
        }
    }
}
