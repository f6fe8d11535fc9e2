package dev.gitlablink.emulator.oauth.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A pending device authorization: what the device polls for with its {@code device_code}. */
public record DeviceGrant(String deviceCode, String userCode, String clientId, List<String> scopes,
        Instant createdAt, Duration expiresIn, Duration interval, Instant lastPollingAt, Status status,
        Long userId) {

    /** Where the user is in the browser. */
    public enum Status { PENDING, APPROVED, DENIED }

    public DeviceGrant {
        scopes = List.copyOf(scopes);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(createdAt.plus(expiresIn));
    }

    /** The gem's {@code polling_too_fast?}. */
    public boolean pollingTooFast(Instant now) {
        return lastPollingAt != null && now.isBefore(lastPollingAt.plus(interval));
    }

    DeviceGrant polledAt(Instant now) {
        return new DeviceGrant(deviceCode, userCode, clientId, scopes, createdAt, expiresIn, interval, now, status,
                userId);
    }

    DeviceGrant decided(Status newStatus, Long byUserId) {
        return new DeviceGrant(deviceCode, userCode, clientId, scopes, createdAt, expiresIn, interval, lastPollingAt,
                newStatus, byUserId);
    }

    @Override
    public String toString() {
        return "DeviceGrant[clientId=" + clientId + ", status=" + status + "]";
    }
}
