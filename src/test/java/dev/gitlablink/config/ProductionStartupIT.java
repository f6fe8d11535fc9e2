package dev.gitlablink.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.gitlablink.local.LocalPostgres;
import dev.gitlablink.testsupport.PackagedArtifact;
import dev.gitlablink.testsupport.TestSecrets;

/**
 * The packaged application (jar or native executable) in production mode refuses to start without its secrets or its
 * database, with a malformed token key or a public base URL that is not an origin, and says what is wrong.
 */
class ProductionStartupIT {

    static final List<String> REQUIRED_SECRETS = List.of("GITLAB_CLIENT_ID", "GITLAB_CLIENT_SECRET",
            "TOKEN_ENCRYPTION_KEYS", "SESSION_ENCRYPTION_SECRET");

    @Test
    void refusesToStartWithoutSecretsAndNamesThem() throws IOException, InterruptedException {
        Startup startup = start(Map.of());

        for (String variable : REQUIRED_SECRETS) {
            assertTrue(startup.log().contains(variable), variable + " is not named in the start-up failure:\n"
                    + startup.log());
        }
    }

    @Test
    void refusesToStartWithoutDatabase() throws IOException, InterruptedException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Startup startup = start(Map.of(
                "GITLAB_CLIENT_ID", "client",
                "GITLAB_CLIENT_SECRET", "secret",
                "TOKEN_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(key),
                "SESSION_ENCRYPTION_SECRET", "0123456789abcdef0123456789abcdef0123"));

        assertTrue(startup.log().contains("quarkus.datasource.jdbc.url"), startup.log());
    }

    @Test
    void refusesAPublicBaseUrlThatIsNotAnOrigin() throws IOException, InterruptedException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        for (String url : List.of("https://link.example.com/", "https://link.example.com/app", "link.example.com",
                "https://user@link.example.com")) {
            Startup startup = start(Map.of(
                    "GITLAB_CLIENT_ID", "client",
                    "GITLAB_CLIENT_SECRET", "secret",
                    "TOKEN_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(key),
                    "SESSION_ENCRYPTION_SECRET", "0123456789abcdef0123456789abcdef0123",
                    "PUBLIC_BASE_URL", url));

            assertTrue(startup.log().contains("PUBLIC_BASE_URL must be an origin"), url + ":\n" + startup.log());
        }
    }

    @Test
    void refusesToStartWithAMalformedTokenKeyAndNamesTheEntryButNotTheKey() throws IOException, InterruptedException {
        String goodKey = Base64.getEncoder().encodeToString(TestSecrets.randomBytes(32));
        String shortKey = Base64.getEncoder().encodeToString(TestSecrets.randomBytes(5));
        try (LocalPostgres postgres = LocalPostgres.startFresh()) {
            Startup startup = start(Map.of(
                    "GITLAB_CLIENT_ID", "client",
                    "GITLAB_CLIENT_SECRET", "secret",
                    "TOKEN_ENCRYPTION_KEYS", "current:" + goodKey + ",short-one:" + shortKey,
                    "SESSION_ENCRYPTION_SECRET", "0123456789abcdef0123456789abcdef0123",
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(),
                    "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER,
                    "QUARKUS_DATASOURCE_PASSWORD", "unused"));

            assertTrue(startup.log().contains("TOKEN_ENCRYPTION_KEYS entry 2 (key id 'short-one') must be 32 bytes"),
                    startup.log());
            assertFalse(startup.log().contains(shortKey), "the key itself is in the log");
            assertFalse(startup.log().contains(goodKey), "the other key is in the log");
        }
    }

    private record Startup(String log) {
    }

    /** Runs the packaged artifact with a clean environment plus {@code environment}; it must exit non-zero. */
    private static Startup start(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(PackagedArtifact.current().command(null,
                List.of("-Dquarkus.http.port=0"))).redirectErrorStream(true);
        Map<String, String> processEnvironment = builder.environment();
        processEnvironment.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("GITLAB_")
                || REQUIRED_SECRETS.contains(name));
        processEnvironment.putAll(environment);
        Path output = Files.createTempFile("prod-startup", ".log");
        builder.redirectOutput(output.toFile());

        Process process = builder.start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        String log = Files.readString(output);
        Files.deleteIfExists(output);
        assertTrue(exited, "the application should have exited, but kept running:\n" + log);
        assertNotEquals(0, process.exitValue(), log);
        return new Startup(log);
    }
}
