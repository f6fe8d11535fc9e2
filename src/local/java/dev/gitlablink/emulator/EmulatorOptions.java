package dev.gitlablink.emulator;

import java.util.Objects;

/**
 * How a {@link GitLabEmulator} listens.
 *
 * @param host         interface to bind, e.g. {@code 127.0.0.1}
 * @param port         TCP port, {@code 0} picks a free one
 * @param pathPrefix   {@code ""} or a relative URL root such as {@code /gitlab} (no trailing slash)
 * @param seedDemoData whether to create the {@code demo} user at start
 */
public record EmulatorOptions(String host, int port, String pathPrefix, boolean seedDemoData) {

    public EmulatorOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        pathPrefix = normalisePrefix(pathPrefix);
    }

    /** Loopback, free port, no prefix, no demo data: what tests want. */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions("127.0.0.1", 0, "", false);
    }

    public EmulatorOptions withHost(String newHost) {
        return new EmulatorOptions(newHost, port, pathPrefix, seedDemoData);
    }

    public EmulatorOptions withPort(int newPort) {
        return new EmulatorOptions(host, newPort, pathPrefix, seedDemoData);
    }

    public EmulatorOptions withPathPrefix(String newPathPrefix) {
        return new EmulatorOptions(host, port, newPathPrefix, seedDemoData);
    }

    public EmulatorOptions withSeedDemoData(boolean newSeedDemoData) {
        return new EmulatorOptions(host, port, pathPrefix, newSeedDemoData);
    }

    private static String normalisePrefix(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.equals("/")) {
            return "";
        }
        String trimmed = prefix.strip();
        if (!trimmed.startsWith("/")) {
            trimmed = "/" + trimmed;
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
