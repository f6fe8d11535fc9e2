package dev.gitlablink.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.gitlablink.emulator.ApplicationRegistration;
import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.local.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts what the service needs for a test run, all on free ports and removed afterwards: an embedded
 * PostgreSQL, two GitLab emulators (the default instance and a second one, {@link SecondGitLab}), each with the
 * service's OAuth application of that instance registered, and fresh random secrets. Tests get the handles through fields annotated {@link LocalServices}.
 */
public class LocalServicesResource implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "gitlab-link-test";
    public static final Set<String> APP_SCOPES = Set.of("openid", "profile", "email", "read_user", "read_api", "api");

    /** Init arg: serve the emulator under this path, as a self-managed GitLab at example.com/gitlab. */
    public static final String PATH_PREFIX = "pathPrefix";

    /**
     * Init arg for tests that stop or break the services: its mere presence gives the test class its own
     * application, since Quarkus only shares an application between classes whose resources match.
     */
    public static final String DISPOSABLE = "disposable";

    /**
     * Init arg: a {@code keyId:base64} key that {@code TOKEN_ENCRYPTION_KEYS} still lists after the fresh primary
     * key, as after a key rotation. The scheduled re-encryption is off then, so the test runs it itself.
     */
    public static final String RETIRED_TOKEN_KEY = "retiredTokenKey";

    /**
     * Init arg: the service's {@code PUBLIC_BASE_URL}, as behind a TLS-terminating ingress; its
     * {@code /auth/callback} is registered at the emulator as well.
     */
    public static final String PUBLIC_BASE_URL = "publicBaseUrl";

    /**
     * Init arg: the sign-in requests one client address may make per minute. Every test signs its users in from
     * 127.0.0.1, hundreds in a run, so unless a test sets this the limit is {@value #TEST_SIGN_IN_RATE_LIMIT}.
     */
    public static final String SIGN_IN_RATE_LIMIT = "signInRateLimit";

    static final String TEST_SIGN_IN_RATE_LIMIT = "100000";

    /**
     * Init arg: the id of a retired instance ({@code gitlab-link.instances.<id>.retired=true}) to configure: the
     * default emulator under another spelling of its URL ({@link #retiredInstanceUrl}), with the default instance's
     * OAuth application, so tokens the emulator issued can be moved there and revoked as the retired instance's.
     */
    public static final String RETIRED_INSTANCE = "retiredInstance";

    /**
     * Init arg: the default instance gets {@link TestPolicy}'s access policy, checked again at every sweep, which the
     * tests run themselves (no schedule).
     */
    public static final String ACCESS_POLICY = "accessPolicy";

    private static final String HTTP_PORT_PROPERTY = "gitlab-link.test.http-port";

    private String pathPrefix = "";
    private String retiredTokenKey;
    private String publicBaseUrl;
    private String signInRateLimit;
    private String retiredInstance;
    private boolean accessPolicy;
    private LocalPostgres postgres;
    private GitLabEmulator emulator;
    private GitLabEmulator secondEmulator;
    private TestSettings settings;

    @Override
    public void init(Map<String, String> initArgs) {
        pathPrefix = initArgs.getOrDefault(PATH_PREFIX, "");
        retiredTokenKey = initArgs.get(RETIRED_TOKEN_KEY);
        publicBaseUrl = initArgs.get(PUBLIC_BASE_URL);
        signInRateLimit = initArgs.getOrDefault(SIGN_IN_RATE_LIMIT, TEST_SIGN_IN_RATE_LIMIT);
        accessPolicy = initArgs.containsKey(ACCESS_POLICY);
        retiredInstance = initArgs.get(RETIRED_INSTANCE);
    }

    /** The URL of the retired instance {@link #RETIRED_INSTANCE} configures: the emulator's, spelt with localhost. */
    public static String retiredInstanceUrl(GitLabEmulator emulator) {
        return emulator.baseUrl().replace("://127.0.0.1:", "://localhost:");
    }

    @Override
    public Map<String, String> start() {
        CompletableFuture<LocalPostgres> database = CompletableFuture.supplyAsync(LocalPostgres::startFresh);
        emulator = GitLabEmulator.start(EmulatorOptions.defaults().withHost("127.0.0.1").withPort(0)
                .withPathPrefix(pathPrefix));
        secondEmulator = GitLabEmulator.start(EmulatorOptions.defaults().withHost("127.0.0.1").withPort(0));
        postgres = database.join();
        settings = new TestSettings(httpPort(), CLIENT_ID, TestSecrets.randomSecret(24),
                TestSecrets.tokenEncryptionKeys());
        registerApplication(emulator, settings,
                publicBaseUrl == null ? List.of() : List.of(publicBaseUrl + "/auth/callback"));

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.test-port", String.valueOf(settings.httpPort()));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", LocalPostgres.USER);
        config.put("quarkus.datasource.password", "unused");
        config.put("gitlab-link.gitlab.url", emulator.baseUrl());
        config.put("gitlab-link.gitlab.client-id", settings.clientId());
        config.put("gitlab-link.gitlab.client-secret", settings.clientSecret());
        String secondSecret = TestSecrets.randomSecret(24);
        registerApplication(secondEmulator, new TestSettings(settings.httpPort(), SecondGitLab.CLIENT_ID, secondSecret,
                settings.tokenEncryptionKeys()), publicBaseUrl == null ? List.of() : List.of(publicBaseUrl + "/auth/callback"));
        String second = "gitlab-link.instances." + SecondGitLab.INSTANCE_ID + ".";
        config.put(second + "url", secondEmulator.baseUrl());
        config.put(second + "name", SecondGitLab.NAME);
        config.put(second + "client-id", SecondGitLab.CLIENT_ID);
        config.put(second + "client-secret", secondSecret);
        config.put(second + "scopes", SecondGitLab.SCOPES);
        String sessionSecret = TestSecrets.randomSecret(32);
        config.put("gitlab-link.session.encryption-secret", sessionSecret);
        config.put("quarkus.oidc.authentication.state-secret", sessionSecret);
        config.put("quarkus.oidc.token-state-manager.encryption-secret", sessionSecret);
        config.put("gitlab-link.crypto.token-encryption-keys", retiredTokenKey == null ? settings.tokenEncryptionKeys()
                : settings.tokenEncryptionKeys() + "," + retiredTokenKey);
        if (retiredTokenKey != null) {
            config.put("gitlab-link.crypto.reencrypt-every", "off");
        }
        config.put("gitlab-link.health.gitlab-cache-ttl", "1S");
        // The outbox runs right after each enqueue anyway; a rarer schedule keeps its polling out of tests that count
        // database statements, and tests of its retries run the worker themselves.
        config.put("gitlab-link.revocation.every", "60s");
        if (publicBaseUrl != null) {
            config.put("gitlab-link.web.public-base-url", publicBaseUrl);
        }
        config.put("gitlab-link.limits.sign-in-requests", signInRateLimit);
        if (accessPolicy) {
            config.put("gitlab-link.gitlab.policy-allowed-groups", TestPolicy.ALLOWED_GROUP);
            config.put("gitlab-link.gitlab.policy-allowed-users", String.valueOf(TestPolicy.ALLOWED_USER_ID));
            config.put("gitlab-link.gitlab.policy-allowed-email-domains", TestPolicy.ALLOWED_DOMAIN);
            config.put("gitlab-link.policy.recheck-after", "0S");
            config.put("gitlab-link.policy.sweep-every", "off");
        }
        if (retiredInstance != null) {
            String retired = "gitlab-link.instances." + retiredInstance + ".";
            config.put(retired + "url", retiredInstanceUrl(emulator));
            config.put(retired + "client-id", settings.clientId());
            config.put(retired + "client-secret", settings.clientSecret());
            config.put(retired + "retired", "true");
        }
        return config;
    }

    /**
     * The port the service under test listens on: chosen once per test JVM and kept in a system property, which
     * outlives the class loaders Quarkus makes per application. Quarkus' integration-test launcher reads
     * {@code quarkus.http.test-port} once per JVM, so an artifact started after the resources were restarted would
     * otherwise listen on the first port while the emulator expects its redirect URI on the new one. One service runs
     * at a time, so they can all share it.
     */
    private static synchronized int httpPort() {
        String chosen = System.getProperty(HTTP_PORT_PROPERTY);
        if (chosen == null) {
            chosen = String.valueOf(TestSecrets.freePort());
            System.setProperty(HTTP_PORT_PROPERTY, chosen);
        }
        return Integer.parseInt(chosen);
    }

    /** Registers the service's OAuth application, with the exact redirect URIs GitLab will check. */
    public static void registerApplication(GitLabEmulator emulator, TestSettings settings) {
        registerApplication(emulator, settings, List.of());
    }

    private static void registerApplication(GitLabEmulator emulator, TestSettings settings, List<String> more) {
        List<String> redirectUris = new ArrayList<>(
                List.of(settings.redirectUri(), "http://localhost:" + settings.httpPort() + "/auth/callback"));
        redirectUris.addAll(more);
        emulator.registerApplication(new ApplicationRegistration(settings.clientId(), settings.clientSecret(),
                redirectUris, APP_SCOPES, true));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(emulator,
                new TestInjector.AnnotatedAndMatchesType(LocalServices.class, GitLabEmulator.class));
        testInjector.injectIntoFields(new SecondGitLab(secondEmulator, SecondGitLab.INSTANCE_ID),
                new TestInjector.AnnotatedAndMatchesType(LocalServices.class, SecondGitLab.class));
        testInjector.injectIntoFields(postgres,
                new TestInjector.AnnotatedAndMatchesType(LocalServices.class, LocalPostgres.class));
        testInjector.injectIntoFields(settings,
                new TestInjector.AnnotatedAndMatchesType(LocalServices.class, TestSettings.class));
        testInjector.injectIntoFields(new AccountRows(postgres),
                new TestInjector.AnnotatedAndMatchesType(LocalServices.class, AccountRows.class));
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.stop();
        }
        if (secondEmulator != null) {
            secondEmulator.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

}
