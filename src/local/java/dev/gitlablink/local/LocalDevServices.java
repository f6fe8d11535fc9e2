package dev.gitlablink.local;

import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.gitlablink.emulator.ApplicationRegistration;
import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.GitLabEmulator;

/**
 * Starts the embedded PostgreSQL and the two GitLab emulators for {@code ./mvnw quarkus:dev}, once per JVM.
 * Dev mode reloads application classes on every change, so the URLs are kept in system properties (which
 * outlive a reload) and the servers keep running until the JVM exits.
 */
final class LocalDevServices {

    private static final Logger LOG = Logger.getLogger(LocalDevServices.class);

    /** The OAuth application dev mode's defaults in application.properties sign in with. */
    static final String DEV_CLIENT_ID = "gitlab-link-dev";
    static final String DEV_CLIENT_SECRET = "gitlab-link-dev-secret";
    /** The OAuth application of the second emulated GitLab (application.properties, %dev). */
    static final String SECOND_CLIENT_ID = "gitlab-link-dev-2";
    static final String SECOND_CLIENT_SECRET = "gitlab-link-dev-secret-2";
    static final Set<String> DEV_SCOPES = Set.of("openid", "profile", "email", "read_user", "read_api", "api");

    private LocalDevServices() {
    }

    static synchronized String postgresJdbcUrl() {
        String known = System.getProperty(LocalServicesConfigSource.POSTGRES_JDBC_URL);
        if (known != null) {
            return known;
        }
        LocalPostgres postgres = LocalPostgres.startFresh();
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "local-postgres-shutdown"));
        LOG.infof("Embedded PostgreSQL for dev mode listening on port %d", postgres.port());
        System.setProperty(LocalServicesConfigSource.POSTGRES_JDBC_URL, postgres.jdbcUrl());
        return postgres.jdbcUrl();
    }

    static synchronized String gitLabEmulatorUrl() {
        return emulatorUrl(LocalServicesConfigSource.GITLAB_EMULATOR_URL, "GITLAB_EMULATOR_PORT", 8180, DEV_CLIENT_ID,
                DEV_CLIENT_SECRET);
    }

    /**
     * The second emulated GitLab, dev mode's self-managed instance ({@code gitlab-link.instances.selfmanaged}). Its
     * demo data is the same as the first one's, so its {@code demo} user has the same numeric id: a second identity.
     */
    static synchronized String secondGitLabEmulatorUrl() {
        return emulatorUrl(LocalServicesConfigSource.SECOND_GITLAB_EMULATOR_URL, "GITLAB_EMULATOR_2_PORT", 8181,
                SECOND_CLIENT_ID, SECOND_CLIENT_SECRET);
    }

    private static String emulatorUrl(String property, String portVariable, int defaultPort, String clientId,
            String clientSecret) {
        String known = System.getProperty(property);
        if (known != null) {
            return known;
        }
        int port = intFromEnv(portVariable, defaultPort);
        GitLabEmulator emulator = GitLabEmulator.start(new EmulatorOptions("localhost", port, "", true));
        String appPort = String.valueOf(intFromEnv("QUARKUS_HTTP_PORT", 8080));
        emulator.registerApplication(new ApplicationRegistration(clientId, clientSecret,
                List.of("http://localhost:" + appPort + "/auth/callback", "http://127.0.0.1:" + appPort + "/auth/callback"),
                DEV_SCOPES, false));
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::stop, "gitlab-emulator-shutdown"));
        LOG.infof("GitLab emulator for dev mode at %s (sign in as demo / demo)", emulator.baseUrl());
        System.setProperty(property, emulator.baseUrl());
        return emulator.baseUrl();
    }

    private static int intFromEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
