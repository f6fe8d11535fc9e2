package dev.gitlablink.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (the jar or the native executable, whichever the build produced: {@link PackagedArtifact})
 * running as a child process in production mode, configured only through environment variables, as in a container.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;
    private final boolean temporaryLog;

    private ServiceProcess(Process process, int port, Path log, boolean temporaryLog) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.temporaryLog = temporaryLog;
    }

    /**
     * Starts the jar with {@code environment} on {@code port} and waits until ready. It logs into the test run's log
     * directory (system property {@code gitlab-link.test.log-dir}), kept for the token scan (TokenLogScan), or else
     * to a temporary file deleted on {@link #close()}.
     */
    public static ServiceProcess start(Map<String, String> environment, int port, Duration timeout) {
        try {
            String runLogs = System.getProperty(TokenLogScan.DIRECTORY_PROPERTY);
            if (runLogs != null && !runLogs.isBlank()) {
                Path directory = Files.createDirectories(Path.of(runLogs));
                return start(environment, port, "256m", Files.createTempFile(directory, "service-", ".log"), false,
                        timeout);
            }
            return start(environment, port, "256m", Files.createTempFile("gitlab-link-service-", ".log"), true,
                    timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the jar with a given heap and log file (kept after {@link #close()}), and waits until it is ready. */
    public static ServiceProcess start(Map<String, String> environment, int port, String heap, Path log,
            Duration timeout) {
        return start(environment, port, heap, log, false, timeout);
    }

    private static ServiceProcess start(Map<String, String> environment, int port, String heap, Path log,
            boolean temporaryLog, Duration timeout) {
        PackagedArtifact artifact = PackagedArtifact.current();
        try {
            ProcessBuilder builder = new ProcessBuilder(artifact.command(heap, List.of()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("GITLAB_"));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            ServiceProcess service = new ServiceProcess(builder.start(), port, log, temporaryLog);
            service.awaitReady(timeout);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The production environment of the service for a test run: the given GitLab and database, fresh
     * random secrets.
     */
    public static Map<String, String> environment(String gitLabUrl, String clientId, String clientSecret,
            String jdbcUrl, String databaseUser) {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        environment.put("GITLAB_URL", gitLabUrl);
        environment.put("GITLAB_CLIENT_ID", clientId);
        environment.put("GITLAB_CLIENT_SECRET", clientSecret);
        environment.put("TOKEN_ENCRYPTION_KEYS", TestSecrets.tokenEncryptionKeys());
        environment.put("SESSION_ENCRYPTION_SECRET", TestSecrets.randomSecret(36));
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        environment.put("QUARKUS_DATASOURCE_USERNAME", databaseUser);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", "unused");
        return environment;
    }

    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(250));
        }
        close();
        throw new IllegalStateException("the service was not ready within " + timeout + ":\n" + log());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            if (temporaryLog) {
                Files.deleteIfExists(log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
