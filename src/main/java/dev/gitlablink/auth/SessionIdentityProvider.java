package dev.gitlablink.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Looks a session cookie up (in memory, or in the database off the I/O thread) and builds the user's identity. */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionAuthenticationRequest> {

    static final String USER_ROLE = "user";

    private final SessionService sessions;

    public SessionIdentityProvider(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<SessionAuthenticationRequest> getRequestType() {
        return SessionAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionAuthenticationRequest request,
            AuthenticationRequestContext context) {
        // A session seen moments ago is answered on the I/O thread; only a miss goes to the database.
        return sessions.resolve(request.cookieValue()).map(principal -> principal
                .map(SessionIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or expired session")));
    }

    private static SecurityIdentity identity(SessionPrincipal principal) {
        return QuarkusSecurityIdentity.builder().setPrincipal(principal).addRole(USER_ROLE).build();
    }
}
