package dev.gitlablink.testsupport;

/**
 * What a test needs to know about the service under test: its port (picked by the resource so the
 * emulator can register the exact redirect URI) and the OAuth client it signs in with.
 */
public record TestSettings(int httpPort, String clientId, String clientSecret, String tokenEncryptionKeys) {

    /** The service's base URL; 127.0.0.1 so cookies and the registered redirect URI agree. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String redirectUri() {
        return baseUrl() + "/auth/callback";
    }
}
