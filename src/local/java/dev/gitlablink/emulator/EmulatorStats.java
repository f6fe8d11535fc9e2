package dev.gitlablink.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters tests use to assert how often a client talked to the emulator. */
public final class EmulatorStats {

    private final Map<String, AtomicLong> tokenRequests = new ConcurrentHashMap<>();
    private final AtomicLong revocations = new AtomicLong();
    private final AtomicLong discoveryRequests = new AtomicLong();

    /** Successful token responses for {@code grantType}, e.g. {@code authorization_code}. */
    public long tokenRequests(String grantType) {
        AtomicLong counter = tokenRequests.get(grantType);
        return counter == null ? 0 : counter.get();
    }

    /** {@code POST /oauth/revoke} requests answered with 200. */
    public long revocations() {
        return revocations.get();
    }

    /** {@code GET /.well-known/openid-configuration} requests. */
    public long discoveryRequests() {
        return discoveryRequests.get();
    }

    public void reset() {
        tokenRequests.clear();
        revocations.set(0);
        discoveryRequests.set(0);
    }

    /** Records a successful token response; called by the emulator. */
    public void recordTokenResponse(String grantType) {
        tokenRequests.computeIfAbsent(grantType, key -> new AtomicLong()).incrementAndGet();
    }

    /** Records a 200 answer of the revocation endpoint; called by the emulator. */
    public void recordRevocation() {
        revocations.incrementAndGet();
    }

    /** Records a discovery document request; called by the emulator. */
    public void recordDiscoveryRequest() {
        discoveryRequests.incrementAndGet();
    }
}
