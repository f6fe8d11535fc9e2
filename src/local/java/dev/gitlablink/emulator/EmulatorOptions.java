package dev.gitlablink.emulator;

import java.util.Objects;

/**
 * How a {@link GitLabEmulator} listens.
 *
 * @param host         interface to bind, e.g. {@code 127.0.0.1}
 * @param port         TCP port, {@code 0} picks a free one
 * @param pathPrefix   {@code ""} or a relative URL root such as {@code /gitlab} (no trailing slash)
 * @param seedDemoData whether to create the {@code demo} user and its groups, projects, issues, merge requests and
 *                     pipelines at start
 * @param adminApi     whether to serve the HTTP admin API under {@code /-/emulator/} (knobs, reset, stats)
 */
public record EmulatorOptions(String host, int port, String pathPrefix, boolean seedDemoData, boolean adminApi) {

    public EmulatorOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        pathPrefix = normalisePrefix(pathPrefix);
    }

    /** Seeded (dev) instances also get the admin API; plain test instances do not. */
    public EmulatorOptions(String host, int port, String pathPrefix, boolean seedDemoData) {
        this(host, port, pathPrefix, seedDemoData, seedDemoData);
    }

    /** Loopback, free port, no prefix, no demo data, no admin API: what tests want. */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions("127.0.0.1", 0, "", false, false);
    }

    public EmulatorOptions withHost(String newHost) {
        return new EmulatorOptions(newHost, port, pathPrefix, seedDemoData, adminApi);
    }

    public EmulatorOptions withPort(int newPort) {
        return new EmulatorOptions(host, newPort, pathPrefix, seedDemoData, adminApi);
    }

    public EmulatorOptions withPathPrefix(String newPathPrefix) {
        return new EmulatorOptions(host, port, newPathPrefix, seedDemoData, adminApi);
    }

    public EmulatorOptions withSeedDemoData(boolean newSeedDemoData) {
        return new EmulatorOptions(host, port, pathPrefix, newSeedDemoData, adminApi);
    }

    public EmulatorOptions withAdminApi(boolean newAdminApi) {
        return new EmulatorOptions(host, port, pathPrefix, seedDemoData, newAdminApi);
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
