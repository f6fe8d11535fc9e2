package dev.gitlablink.api;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.gitlablink.auth.SessionPrincipal;
import dev.gitlablink.token.TokenService;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * Enforces {@link RequiresScopes}: on a route that declares scopes, an account whose stored grant lacks one gets 403
 * {@code gitlab_insufficient_scope} naming the missing scopes, and GitLab is not called. Runs after the anti-CSRF and
 * Fetch Metadata filters, and only on methods that declare scopes (name binding). A caller without a session is left
 * to the resource's 401; an account that is not the caller's answers 404 {@code account_not_found}, as the resource
 * would. The problem, with its step-up, is made by {@link ProblemMapper#missingScopes}.
 */
public class RequiredScopesFilter {

    private final TokenService tokens;
    private final CurrentIdentityAssociation identity;

    public RequiredScopesFilter(TokenService tokens, CurrentIdentityAssociation identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    @RequiresScopes({})
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 10)
    public Uni<Response> requireScopes(ResourceInfo resource, UriInfo uriInfo) {
        List<String> required = declared(resource);
        UUID accountId = accountId(uriInfo);
        if (required.isEmpty() || accountId == null) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity().chain(caller -> {
            if (caller.isAnonymous() || !(caller.getPrincipal() instanceof SessionPrincipal principal)) {
                return Uni.createFrom().nullItem();
            }
            return tokens.forOwnedAccount(principal.userId(), accountId).map(source -> {
                List<String> missing = new ArrayList<>(required);
                missing.removeAll(source.grantedScopes());
                if (missing.isEmpty()) {
                    return null;
                }
                Log.debugf("Account %s lacks the scopes %s for %s", accountId, missing, uriInfo.getPath());
                // Answered by ProblemMapper#missingScopes, with the step-up that asks GitLab for the missing scopes.
                throw new MissingScopesException(principal, accountId, required, missing);
            });
        });
    }

    /** The scopes the matched resource method declares (name binding runs this filter only where it does). */
    private static List<String> declared(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        RequiresScopes scopes = method == null ? null : method.getAnnotation(RequiresScopes.class);
        return scopes == null ? List.of() : Arrays.asList(scopes.value());
    }

    private static UUID accountId(UriInfo uriInfo) {
        String id = uriInfo.getPathParameters().getFirst("accountId");
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
