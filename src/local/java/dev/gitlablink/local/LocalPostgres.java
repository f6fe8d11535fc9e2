package dev.gitlablink.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server run from Maven artifacts (zonky's embedded binaries): no Docker, no system
 * install. Data lives in a directory of its own that {@link #close()} deletes; {@link #stop()} and
 * {@link #start()} keep data and port, so tests can make the database go away and come back.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private int port;
    private EmbeddedPostgres server;

    private LocalPostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Starts a fresh server on a free port with data under a new temporary directory. */
    public static LocalPostgres startFresh() {
        try {
            LocalPostgres postgres = new LocalPostgres(Files.createTempDirectory("gitlab-link-pg-"), 0);
            postgres.start();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the embedded PostgreSQL", e);
        }
    }

    /** (Re)starts the server on the port it had, or a free one the first time. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // The library's 10 s is too short for a first start on a busy 2-core machine (seen in a test run).
                    .setPGStartupWait(STARTUP_WAIT);
            if (port != 0) {
                builder.setPort(port);
            }
            server = builder.start();
            port = server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
        }
    }

    /** Stops the server, keeping its data and port for {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not stop", e);
        } finally {
            server = null;
        }
    }

    public synchronized int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        stop();
        deleteRecursively(dataDirectory);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
