package dev.gitlablink.auth;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.gitlab.ConfiguredInstance;
import dev.gitlablink.gitlab.GitLabInstances;
import io.quarkus.logging.Log;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcConfig;
import io.quarkus.oidc.runtime.OidcTenantConfig.Authentication;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.runtime.annotations.RegisterForProxy;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * One quarkus-oidc tenant per GitLab instance. The default instance is quarkus-oidc's default tenant
 * ({@code quarkus.oidc.*}); every other instance gets a copy of it with its own URL, OAuth application and scopes,
 * so PKCE, state, nonce, cookies and redirect paths are written once, in {@code application.properties}.
 * <p>
 * Which tenant a code-flow request belongs to: {@code /login?instance=<id>} names it (an unknown id fails the
 * authentication; {@link LoginInstanceFilter} refuses it earlier with a readable answer); GitLab's redirect to the
 * callback carries only {@code code} and {@code state}, and quarkus-oidc named the state cookie after the tenant and
 * the state ({@code q_auth_<tenant>_<state>}), so the cookie matching the request's state tells; the restored
 * {@code /login} after the callback carries quarkus-oidc's session cookie {@code q_session_<tenant>}. Nothing of it
 * names another tenant than the one that started the flow: the state cookie is encrypted and bound to the state.
 */
@ApplicationScoped
@RegisterForProxy(targets = Authentication.class)
public class InstanceTenantResolver implements TenantConfigResolver {

    /** The query parameter of {@code /login} that picks the instance. */
    public static final String INSTANCE_PARAM = "instance";

    private static final String STATE_COOKIE = "q_auth_";
    private static final String SESSION_COOKIE = "q_session_";

    private final GitLabInstances instances;
    private final Map<String, OidcTenantConfig> tenants;

    public InstanceTenantResolver(GitLabInstances instances, OidcConfig oidcConfig) {
        this.instances = instances;
        io.quarkus.oidc.runtime.OidcTenantConfig base = OidcConfig.getDefaultTenant(oidcConfig);
        this.tenants = instances.all().stream().filter(instance -> !instance.isDefault())
                .collect(Collectors.toUnmodifiableMap(ConfiguredInstance::id, instance -> tenant(base, instance)));
    }

    private static OidcTenantConfig tenant(io.quarkus.oidc.runtime.OidcTenantConfig base, ConfiguredInstance instance) {
        return OidcTenantConfig.builder(base)
                .tenantId(instance.id())
                .authServerUrl(instance.url())
                .clientId(instance.clientId())
                .credentials(instance.clientSecret())
                .authentication(withScopes(base.authentication(), instance.scopes()))
                .build();
    }

    /**
     * The default tenant's authentication settings with the instance's scopes instead of the default's: the builder's
     * {@code authentication().scopes(...)} can only add to the copied scopes, which would ask every instance for the
     * default instance's scopes too.
     */
    static Authentication withScopes(Authentication base, String scopes) {
        Optional<List<String>> own = Optional.of(List.of(scopes));
        return (Authentication) Proxy.newProxyInstance(Authentication.class.getClassLoader(),
                new Class<?>[] { Authentication.class }, (proxy, method, args) -> {
                    if (method.getName().equals("scopes") && method.getParameterCount() == 0) {
                        return own;
                    }
                    try {
                        return method.invoke(base, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> request) {
        String requested = context.request().getParam(INSTANCE_PARAM);
        if (requested != null) {
            Optional<ConfiguredInstance> instance = instances.byId(requested);
            if (instance.isEmpty()) {
                Log.debugf("Refused a sign-in for an unknown GitLab instance");
                return Uni.createFrom().failure(new AuthenticationFailedException("unknown GitLab instance"));
            }
            return Uni.createFrom().item(tenants.get(instance.get().id()));
        }
        return Uni.createFrom().item(fromCookies(context));
    }

    /** The tenant whose state cookie matches the callback's state, else whose session cookie is there; else the default. */
    private OidcTenantConfig fromCookies(RoutingContext context) {
        String state = context.request().getParam("state");
        for (Map.Entry<String, OidcTenantConfig> tenant : tenants.entrySet()) {
            if (state != null && context.request().getCookie(STATE_COOKIE + tenant.getKey() + "_" + state) != null) {
                return tenant.getValue();
            }
        }
        if (state == null) {
            for (Cookie cookie : context.request().cookies()) {
                for (Map.Entry<String, OidcTenantConfig> tenant : tenants.entrySet()) {
                    String name = SESSION_COOKIE + tenant.getKey();
                    if (cookie.getName().equals(name) || cookie.getName().startsWith(name + "_chunk_")) {
                        return tenant.getValue();
                    }
                }
            }
        }
        return null;
    }

    /** The instance a finished code flow signed in with. */
    ConfiguredInstance instanceOf(SecurityIdentity identity) {
        String tenant = identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE);
        if (tenant == null || OidcUtils.DEFAULT_TENANT_ID.equals(tenant)) {
            return instances.defaultInstance();
        }
        return instances.byId(tenant).orElseThrow(() -> new IllegalStateException("no instance for tenant " + tenant));
    }
}
