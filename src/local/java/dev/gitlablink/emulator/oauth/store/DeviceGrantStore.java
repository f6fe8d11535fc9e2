package dev.gitlablink.emulator.oauth.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Device authorization grants, following doorkeeper-device_authorization_grant's {@code DeviceCodeRequest}. */
public final class DeviceGrantStore {

    /** Result of the browser side entering a user code. */
    public enum Decision { DONE, INVALID_USER_CODE, EXPIRED_USER_CODE }

    private final Clock clock;
    private final Supplier<String> deviceCodeGenerator;
    private final Supplier<String> userCodeGenerator;
    private final Map<String, DeviceGrant> byDeviceCode = new HashMap<>();

    public DeviceGrantStore(Clock clock, Supplier<String> deviceCodeGenerator, Supplier<String> userCodeGenerator) {
        this.clock = clock;
        this.deviceCodeGenerator = deviceCodeGenerator;
        this.userCodeGenerator = userCodeGenerator;
    }

    public synchronized DeviceGrant create(String clientId, List<String> scopes, Duration expiresIn,
            Duration interval) {
        String userCode = userCodeGenerator.get();
        while (findByUserCode(userCode).isPresent()) {
            userCode = userCodeGenerator.get();
        }
        DeviceGrant grant = new DeviceGrant(deviceCodeGenerator.get(), userCode, clientId, scopes, clock.instant(),
                expiresIn, interval, null, DeviceGrant.Status.PENDING, null);
        byDeviceCode.put(grant.deviceCode(), grant);
        return grant;
    }

    /** The gem's order: grant lookup, expiry, polling speed, then the user's decision. */
    public synchronized DevicePollOutcome poll(String deviceCode, String clientId) {
        DeviceGrant grant = deviceCode == null ? null : byDeviceCode.get(deviceCode);
        if (grant == null || !grant.clientId().equals(clientId)) {
            return new DevicePollOutcome.InvalidGrant();
        }
        Instant now = clock.instant();
        if (grant.expired(now)) {
            byDeviceCode.remove(deviceCode);
            return new DevicePollOutcome.Expired();
        }
        if (grant.pollingTooFast(now)) {
            return new DevicePollOutcome.SlowDown();
        }
        byDeviceCode.put(deviceCode, grant.polledAt(now));
        return switch (grant.status()) {
            case PENDING -> new DevicePollOutcome.Pending();
            case DENIED -> new DevicePollOutcome.Denied();
            case APPROVED -> {
                byDeviceCode.remove(deviceCode);
                yield new DevicePollOutcome.Approved(grant);
            }
        };
    }

    public synchronized Optional<DeviceGrant> findByUserCode(String userCode) {
        if (userCode == null) {
            return Optional.empty();
        }
        String normalised = userCode.strip().toUpperCase(Locale.ROOT);
        return byDeviceCode.values().stream()
                .filter(grant -> grant.userCode().equals(normalised) && grant.status() == DeviceGrant.Status.PENDING)
                .findFirst();
    }

    /** The browser approves ({@code approve=true}) or denies the grant behind {@code userCode}. */
    public synchronized Decision decide(String userCode, long userId, boolean approve) {
        Optional<DeviceGrant> grant = findByUserCode(userCode);
        if (grant.isEmpty()) {
            return Decision.INVALID_USER_CODE;
        }
        if (grant.get().expired(clock.instant())) {
            return Decision.EXPIRED_USER_CODE;
        }
        DeviceGrant.Status status = approve ? DeviceGrant.Status.APPROVED : DeviceGrant.Status.DENIED;
        byDeviceCode.put(grant.get().deviceCode(), grant.get().decided(status, userId));
        return Decision.DONE;
    }
}
