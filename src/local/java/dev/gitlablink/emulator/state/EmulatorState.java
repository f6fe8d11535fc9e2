package dev.gitlablink.emulator.state;

import dev.gitlablink.emulator.EmulatorKnobs;
import dev.gitlablink.emulator.EmulatorOptions;
import dev.gitlablink.emulator.EmulatorStats;
import dev.gitlablink.emulator.oauth.store.AuthorizationCodeStore;
import dev.gitlablink.emulator.oauth.store.DeviceGrantStore;
import dev.gitlablink.emulator.oauth.store.OAuthTokenStore;
import dev.gitlablink.emulator.oidc.IdTokenSigner;

import java.net.URI;
import java.time.Clock;

/** Everything one emulator instance knows; shared by all request handlers (internal to the emulator). */
public final class EmulatorState {

    /**
     * Stands in for Rails' {@code secret_key_base} in {@code sub_legacy}; fixed so the claim is stable across
     * restarts, as it is on a real instance.
     */
    public static final String SECRET_KEY_BASE = "gitlab-emulator-secret-key-base";

    private final EmulatorOptions options;
    private final String baseUrl;
    private final String host;
    private final Clock clock;
    private final EmulatorKnobs knobs;
    private final EmulatorStats stats = new EmulatorStats();
    private final UserStore users;
    private final ApplicationStore applications = new ApplicationStore();
    private final SessionStore sessions = new SessionStore();
    private final OAuthTokenStore tokens;
    private final AuthorizationCodeStore codes;
    private final DeviceGrantStore deviceGrants;
    private final IdTokenSigner signer;
    private final DataStore data;

    public EmulatorState(EmulatorOptions options, String baseUrl, Clock clock, IdTokenSigner signer) {
        this.options = options;
        this.baseUrl = baseUrl;
        this.host = URI.create(baseUrl).getHost();
        this.clock = clock;
        this.signer = signer;
        this.users = new UserStore(baseUrl, clock);
        this.tokens = new OAuthTokenStore(clock, RandomTokens::hex64);
        this.codes = new AuthorizationCodeStore(clock, RandomTokens::hex64);
        this.deviceGrants = new DeviceGrantStore(clock, RandomTokens::hex64, RandomTokens::userCode);
        this.data = new DataStore(baseUrl, users);
        this.knobs = new EmulatorKnobs(tokens, codes);
    }

    public EmulatorOptions options() {
        return options;
    }

    /** Scheme, host, port and path prefix; also the OIDC issuer. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The host of {@link #baseUrl()} (for SSH clone URLs and the registry prefix). */
    public String host() {
        return host;
    }

    /** Absolute path of an emulator route, including the path prefix. */
    public String path(String route) {
        return options.pathPrefix() + route;
    }

    public Clock clock() {
        return clock;
    }

    public EmulatorKnobs knobs() {
        return knobs;
    }

    public EmulatorStats stats() {
        return stats;
    }

    public UserStore users() {
        return users;
    }

    public ApplicationStore applications() {
        return applications;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public OAuthTokenStore tokens() {
        return tokens;
    }

    public AuthorizationCodeStore codes() {
        return codes;
    }

    public DeviceGrantStore deviceGrants() {
        return deviceGrants;
    }

    /** Groups, projects, issues, merge requests and pipelines. */
    public DataStore data() {
        return data;
    }

    /** Scheme, host and port of {@link #baseUrl()}, without the path prefix: the origin of Link headers. */
    public String origin() {
        return baseUrl.substring(0, baseUrl.length() - options.pathPrefix().length());
    }

    public IdTokenSigner signer() {
        return signer;
    }
}
