package dev.gitlablink.local;

import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Dev mode's link to the local stand-ins: {@code application.properties} refers to
 * {@code ${local.postgres.jdbc-url}}, {@code ${local.gitlab-emulator.url}} and
 * {@code ${local.gitlab-emulator-2.url}} in its %dev profile only,
 * and the first lookup of either starts the service (see {@link LocalDevServices}). The other profiles
 * never ask, so tests and production never start anything from here.
 */
public final class LocalServicesConfigSource implements ConfigSource {

    static final String POSTGRES_JDBC_URL = "local.postgres.jdbc-url";
    static final String GITLAB_EMULATOR_URL = "local.gitlab-emulator.url";
    static final String SECOND_GITLAB_EMULATOR_URL = "local.gitlab-emulator-2.url";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        return switch (propertyName) {
            case POSTGRES_JDBC_URL -> LocalDevServices.postgresJdbcUrl();
            case GITLAB_EMULATOR_URL -> LocalDevServices.gitLabEmulatorUrl();
            case SECOND_GITLAB_EMULATOR_URL -> LocalDevServices.secondGitLabEmulatorUrl();
            default -> null;
        };
    }

    @Override
    public String getName() {
        return "gitlab-link local dev services";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
