package dev.gitlablink.emulator.oauth;

import dev.gitlablink.emulator.EmulatorApplication;
import dev.gitlablink.emulator.state.ApplicationStore;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Doorkeeper's {@code client_credentials :from_basic, :from_params} followed by {@code Client.authenticate}. */
public final class ClientAuthenticator {

    /** Outcome of client authentication. */
    public sealed interface Result {
    }

    /** The request carried no client id at all. */
    public record NoCredentials() implements Result {
    }

    /** A client id was sent but did not authenticate (unknown app, wrong or missing secret). */
    public record Invalid() implements Result {
    }

    /** The authenticated application. */
    public record Authenticated(EmulatorApplication application) implements Result {
    }

    private final ApplicationStore applications;

    public ClientAuthenticator(ApplicationStore applications) {
        this.applications = applications;
    }

    public Result authenticate(HttpServerRequest request) {
        String[] credentials = fromBasic(request.getHeader("Authorization"));
        if (credentials == null) {
            credentials = new String[] {request.getParam("client_id"), request.getParam("client_secret")};
        }
        if (credentials[0] == null || credentials[0].isBlank()) {
            return new NoCredentials();
        }
        return applications.authenticate(credentials[0], credentials[1])
                .<Result>map(Authenticated::new)
                .orElseGet(Invalid::new);
    }

    /** Like Doorkeeper, no URL-decoding of the decoded {@code id:secret} pair. */
    private static String[] fromBasic(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            String[] parts = decoded.split(":", 2);
            String[] credentials = {parts[0], parts.length > 1 ? parts[1] : null};
            return credentials[0].isBlank() ? null : credentials;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
