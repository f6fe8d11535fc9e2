package dev.gitlablink.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.EmulatorUser;
import dev.gitlablink.emulator.GitLabEmulator;
import dev.gitlablink.local.LocalPostgres;
import dev.gitlablink.testsupport.ServiceEnvironment;
import dev.gitlablink.testsupport.ServiceProcess;
import dev.gitlablink.testsupport.SignedInUser;
import dev.gitlablink.testsupport.TestSettings;

/**
 * What {@code deploy/images.sh} runs a container image against: an embedded PostgreSQL and the GitLab emulator (admin
 * API on) with one user, a member of {@code BENCH_PROJECTS} projects, but no service: the script starts the image
 * itself. Writes into {@code BENCH_DIR} {@code service.env} (the service's whole environment, for
 * {@code podman run --env-file}) and {@code env.sh} (SERVICE_URL, EMULATOR_URL, SERVICE_PORT), prints {@code READY},
 * then reads commands from standard input: {@code sign-in} signs the user in to the running service through the
 * emulator, writes {@code session.sh} (SESSION_COOKIE, ACCOUNT_ID) and prints {@code SIGNED_IN}. Test values only;
 * ends when standard input closes.
 */
public final class ContainerEnvironment {

    static final String CLIENT_ID = "gitlab-link-images";

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(setting("BENCH_DIR", "target/images"));
        Files.createDirectories(directory);
        ServiceEnvironment environment = ServiceEnvironment.start(CLIENT_ID, 1,
                EmulatorOptions.defaults().withAdminApi(true));
        Runtime.getRuntime().addShutdownHook(new Thread(environment::close, "container-environment-shutdown"));
        GitLabEmulator emulator = environment.emulator();
        TestSettings settings = environment.settings(0);
        EmulatorUser user = emulator.createUser("images", "Image User", "images@example.test");
        int projects = Integer.parseInt(setting("BENCH_PROJECTS", "20"));
        emulator.data().generateProjects(user.id(), "images-group", projects);

        Map<String, String> service = new LinkedHashMap<>(ServiceProcess.environment(emulator.baseUrl(),
                settings.clientId(), settings.clientSecret(), environment.postgres().jdbcUrl(), LocalPostgres.USER));
        // The reads that measure RSS under use come faster than one person's: the limits are set out of their way.
        service.putAll(ServiceEnvironment.LOAD_LIMITS);
        service.put("QUARKUS_HTTP_PORT", String.valueOf(settings.httpPort()));
        StringBuilder envFile = new StringBuilder();
        service.forEach((name, value) -> envFile.append(name).append('=').append(value).append('\n'));
        writeOwnerOnly(directory.resolve("service.env"), envFile.toString());
        writeOwnerOnly(directory.resolve("env.sh"), "# written by ContainerEnvironment; test values only\n"
                + "export SERVICE_URL='" + settings.baseUrl() + "'\n"
                + "export SERVICE_PORT='" + settings.httpPort() + "'\n"
                + "export EMULATOR_URL='" + emulator.baseUrl() + "'\n"
                + "export PROJECT_COUNT='" + projects + "'\n");
        System.out.println("READY");
        System.out.flush();

        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            if (command.strip().equals("sign-in")) {
                signIn(directory, emulator, settings, user);
            }
        }
        System.exit(0);
    }

    /** The whole sign-in through the emulator (every hop checked by SignInFlow); the script reads the outcome. */
    private static void signIn(Path directory, GitLabEmulator emulator, TestSettings settings, EmulatorUser user)
            throws IOException {
        try {
            SignedInUser signedIn = BenchEnvironment.signIn(emulator, settings, user);
            writeOwnerOnly(directory.resolve("session.sh"), "export SESSION_COOKIE='" + signedIn.sessionCookie()
                    + "'\nexport ACCOUNT_ID='" + signedIn.accountId() + "'\n");
            System.out.println("SIGNED_IN");
        } catch (RuntimeException | AssertionError e) {
            System.out.println("SIGN_IN_FAILED " + e.getMessage().replace('\n', ' '));
        }
        System.out.flush();
    }

    /** Owner-only file: it holds the service's secrets and a session cookie (test values of a throw-away run). */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
