package dev.gitlablink.api;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.gitlablink.auth.SessionPrincipal;
import dev.gitlablink.limit.Limits;
import dev.gitlablink.limit.NotRateLimited;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * Counts every request the router dispatches to an {@code /api} resource (by the resource class's own
 * {@code @Path}, so no spelling of the URL escapes it) against its session's rate limit. Keyed by the session
 * found for the cookie, not the cookie itself: random cookies find no session (and are answered 401), so they
 * cannot open fresh counters. Methods marked {@link NotRateLimited} (signing out) are not counted.
 */
public class ApiRateLimitFilter {

    private static final ClassValue<Boolean> API_RESOURCE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            Path path = type.getAnnotation(Path.class);
            return path != null && (path.value().equals("/api") || path.value().startsWith("/api/"));
        }
    };

    private final Limits limits;
    private final CurrentIdentityAssociation identities;

    public ApiRateLimitFilter(Limits limits, CurrentIdentityAssociation identities) {
        this.limits = limits;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> limitPerSession(ResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null || !API_RESOURCE.get(resource.getResourceClass())
                || resource.getResourceMethod().isAnnotationPresent(NotRateLimited.class)) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().invoke(identity -> {
            if (identity.getPrincipal() instanceof SessionPrincipal session) {
                limits.api().acquire(session.sessionIdHash());
            }
        }).replaceWithVoid();
    }
}
