package dev.gitlablink.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Test switches of a running emulator; every setter may be called at any time from any thread. */
public final class EmulatorKnobs {

    /** GitLab's {@code access_token_expires_in 7200}. */
    public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(7200);
    /** GitLab's {@code openid_id_token_expire_in_seconds} default. */
    public static final Duration DEFAULT_ID_TOKEN_LIFETIME = Duration.ofSeconds(120);
    /** Device grant polling interval of doorkeeper-device_authorization_grant. */
    public static final Duration DEFAULT_DEVICE_POLL_INTERVAL = Duration.ofSeconds(5);
    /** Device code lifetime of doorkeeper-device_authorization_grant. */
    public static final Duration DEFAULT_DEVICE_CODE_LIFETIME = Duration.ofSeconds(300);

    private volatile Duration accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
    private volatile Duration idTokenLifetime = DEFAULT_ID_TOKEN_LIFETIME;
    private volatile Duration devicePollInterval = DEFAULT_DEVICE_POLL_INTERVAL;
    private volatile Duration deviceCodeLifetime = DEFAULT_DEVICE_CODE_LIFETIME;
    private final AtomicReference<IdTokenFault> nextIdTokenFault = new AtomicReference<>();

    // Fault injection (later issues): latency, 5xx, 429 and "down" knobs go here, next to the ID token
    // fault, and are applied to every request by FaultInjectionHandler.

    /** Lifetime of access tokens issued from now on (refreshed tokens keep their original lifetime). */
    public EmulatorKnobs accessTokenLifetime(Duration lifetime) {
        accessTokenLifetime = nonNegative(lifetime);
        return this;
    }

    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    /** {@code exp - iat} of ID tokens issued from now on. */
    public EmulatorKnobs idTokenLifetime(Duration lifetime) {
        idTokenLifetime = nonNegative(lifetime);
        return this;
    }

    public Duration idTokenLifetime() {
        return idTokenLifetime;
    }

    /** Minimum time between device-code polls before {@code slow_down}; also the advertised {@code interval}. */
    public EmulatorKnobs devicePollInterval(Duration interval) {
        devicePollInterval = nonNegative(interval);
        return this;
    }

    public Duration devicePollInterval() {
        return devicePollInterval;
    }

    /** Lifetime of device codes issued from now on. */
    public EmulatorKnobs deviceCodeLifetime(Duration lifetime) {
        deviceCodeLifetime = nonNegative(lifetime);
        return this;
    }

    public Duration deviceCodeLifetime() {
        return deviceCodeLifetime;
    }

    /** Applies {@code fault} to the next ID token only; {@code null} clears a pending fault. */
    public EmulatorKnobs nextIdTokenFault(IdTokenFault fault) {
        nextIdTokenFault.set(fault);
        return this;
    }

    /** Returns and clears the pending ID token fault; used by the emulator when it signs an ID token. */
    public Optional<IdTokenFault> takeIdTokenFault() {
        return Optional.ofNullable(nextIdTokenFault.getAndSet(null));
    }

    /** Back to GitLab's defaults, no pending fault. */
    public void reset() {
        accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
        idTokenLifetime = DEFAULT_ID_TOKEN_LIFETIME;
        devicePollInterval = DEFAULT_DEVICE_POLL_INTERVAL;
        deviceCodeLifetime = DEFAULT_DEVICE_CODE_LIFETIME;
        nextIdTokenFault.set(null);
    }

    private static Duration nonNegative(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        return duration;
    }
}
