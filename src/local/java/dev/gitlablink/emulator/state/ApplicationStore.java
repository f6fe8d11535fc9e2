package dev.gitlablink.emulator.state;

import dev.gitlablink.emulator.ApplicationRegistration;
import dev.gitlablink.emulator.EmulatorApplication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Registered OAuth applications, looked up the way Doorkeeper's {@code by_uid_and_secret} does. */
public final class ApplicationStore {

    private final Map<String, EmulatorApplication> byClientId = new ConcurrentHashMap<>();

    public EmulatorApplication register(ApplicationRegistration registration) {
        if (!Scopes.SUPPORTED.containsAll(registration.scopes()) || registration.scopes().isEmpty()) {
            throw new IllegalArgumentException("scopes must be non-empty and among " + Scopes.SUPPORTED);
        }
        EmulatorApplication application = new EmulatorApplication(registration.clientId(),
                registration.clientSecret(), registration.redirectUris(), registration.scopes(),
                registration.trusted());
        if (byClientId.putIfAbsent(application.clientId(), application) != null) {
            throw new IllegalArgumentException("client id already registered: " + application.clientId());
        }
        return application;
    }

    public Optional<EmulatorApplication> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(byClientId.get(clientId));
    }

    /**
     * Doorkeeper's {@code by_uid_and_secret}: a public app is found by its id alone when no secret is sent;
     * otherwise the secret must match.
     */
    public Optional<EmulatorApplication> authenticate(String clientId, String secret) {
        return find(clientId).filter(app -> secretAccepted(app, secret));
    }

    private static boolean secretAccepted(EmulatorApplication app, String secret) {
        if (secret == null || secret.isEmpty()) {
            return !app.confidential();
        }
        return app.confidential() && MessageDigest.isEqual(app.clientSecret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    }
}
