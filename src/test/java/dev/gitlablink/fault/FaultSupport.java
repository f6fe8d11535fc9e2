package dev.gitlablink.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlablink.local.LocalPostgres;
import dev.gitlablink.testsupport.ServiceEnvironment;
import dev.gitlablink.testsupport.SignedInUser;

/** What the fault cases share: the service's settings, sign-ins, the database as an operator sees it, the logs. */
final class FaultSupport {

    static final String CLIENT_ID = "gitlab-link-faults";
    /**
     * GitLab calls time out after 2 s + 5 s, so a refresh lease lasts 12 s (the 5 s margin added) and a case that
     * waits one out stays short.
     */
    static final Map<String, String> SERVICE = Map.of("GITLAB_CONNECT_TIMEOUT", "2S", "GITLAB_READ_TIMEOUT", "5S");
    static final Path LOGS = Path.of("target", "faults");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern REFRESHED = Pattern.compile("Refreshed GitLab tokens of account ([0-9a-f-]{36})");

    private FaultSupport() {
    }

    /** {@code count} new GitLab users signed in through replica {@code replica}. */
    static List<SignedInUser> signIn(ServiceEnvironment environment, int replica, int count, String prefix) {
        List<SignedInUser> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(SignedInUser.signIn(environment.emulator(), environment.settings(replica), prefix));
        }
        return users;
    }

    /** The same users, as seen through another replica (sessions live in the shared database). */
    static List<SignedInUser> via(ServiceEnvironment environment, int replica, List<SignedInUser> users) {
        return users.stream().map(user -> new SignedInUser(user.gitLabUser(), user.sessionCookie(), user.accountId(),
                environment.settings(replica))).toList();
    }

    /** Makes the stored access tokens count as expired, so the next use of each account refreshes. */
    static void expireStoredAccessTokens(ServiceEnvironment environment, List<SignedInUser> users) {
        for (SignedInUser user : users) {
            update(environment, "update linked_account set access_token_expires_at = now() - interval '1 hour'"
                    + " where id = ?", UUID.fromString(user.accountId()));
        }
    }

    /** Each account's {@code status} column, by account id; a lost account is missing. */
    static Map<String, String> accountStatuses(ServiceEnvironment environment) {
        Map<String, String> statuses = new HashMap<>();
        try (Connection connection = connect(environment);
                PreparedStatement statement = connection.prepareStatement("select id, status from linked_account");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                statuses.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return statuses;
    }

    /** Refreshes committed per account, as the service logs each one after its commit. */
    static Map<String, Integer> committedRefreshes(String... logs) {
        Map<String, Integer> committed = new HashMap<>();
        for (String log : logs) {
            Matcher matcher = REFRESHED.matcher(log);
            while (matcher.find()) {
                committed.merge(matcher.group(1), 1, Integer::sum);
            }
        }
        return committed;
    }

    /** The status of {@code /q/health/ready}, 0 when the service does not answer. */
    static int readiness(String baseUrl) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void update(ServiceEnvironment environment, String sql, Object parameter) {
        try (Connection connection = connect(environment);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(ServiceEnvironment environment) throws SQLException {
        return DriverManager.getConnection(environment.postgres().jdbcUrl(), LocalPostgres.USER, "unused");
    }
}
