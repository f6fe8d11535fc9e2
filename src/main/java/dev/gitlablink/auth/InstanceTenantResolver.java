package dev.gitlablink.auth;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * <p>
 * Each instance also has a step-up tenant ({@code <id>-stepup}, picked by {@code /stepup/complete?stepup=<id>}): the
 * same application, asking for the scopes of the step-up being run ({@code &scope=}) instead of the sign-in scopes.
 */
@ApplicationScoped
@RegisterForProxy(targets = Authentication.class)
public class InstanceTenantResolver implements TenantConfigResolver {

    /** The query parameter of {@code /login} that picks the instance. */
    public static final String INSTANCE_PARAM = "instance";
    /** Where a step-up's code flow runs (link/rest/StepUpCompleteResource): the only path a step-up tenant serves. */
    public static final String STEP_UP_PATH = "/stepup/complete";
    /** The query parameter of {@value #STEP_UP_PATH} that picks the instance whose step-up tenant runs the flow. */
    public static final String STEP_UP_PARAM = "stepup";
    /** The query parameter of {@code /stepup/complete} with the scopes the step-up asks for (space-separated). */
    public static final String SCOPE_PARAM = "scope";

    /** Suffix of a step-up tenant's id; instance ids are letters and digits only, so no instance is named so. */
    static final String STEP_UP_SUFFIX = "-stepup";
    private static final Pattern SCOPES = Pattern.compile("[A-Za-z0-9_:*]{1,64}( [A-Za-z0-9_:*]{1,64}){0,31}");

    private static final String STATE_COOKIE = "q_auth_";
    private static final String SESSION_COOKIE = "q_session_";

    private final GitLabInstances instances;
    private final io.quarkus.oidc.runtime.OidcTenantConfig base;
    private final Map<String, OidcTenantConfig> tenants;

    public InstanceTenantResolver(GitLabInstances instances, OidcConfig oidcConfig) {
        this.instances = instances;
        this.base = OidcConfig.getDefaultTenant(oidcConfig);
        Map<String, OidcTenantConfig> all = new LinkedHashMap<>();
        for (ConfiguredInstance instance : instances.all()) {
            if (!instance.isDefault()) {
                all.put(instance.id(), tenant(instance, instance.id(), instance.scopes()));
            }
            all.put(stepUpTenantId(instance), tenant(instance, stepUpTenantId(instance), instance.scopes()));
        }
        this.tenants = Map.copyOf(all);
    }

    private static String stepUpTenantId(ConfiguredInstance instance) {
        return instance.id() + STEP_UP_SUFFIX;
    }

    private OidcTenantConfig tenant(ConfiguredInstance instance, String tenantId, String scopes) {
        return OidcTenantConfig.builder(base)
                .tenantId(tenantId)
                .authServerUrl(instance.url())
                .clientId(instance.clientId())
                .credentials(instance.clientSecret())
                .authentication(withScopes(base.authentication(), scopes))
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
        String stepUp = context.request().getParam(STEP_UP_PARAM);
        // Never elsewhere: /login?stepup=...&scope=api would sign in asking GitLab for more than the sign-in scopes.
        if (stepUp != null && STEP_UP_PATH.equals(context.normalizedPath())) {
            return stepUpTenant(context, stepUp);
        }
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

    /**
     * The step-up tenant of {@code instanceId}. Starting the code flow ({@code scope} given), it is a new configuration
     * with the step-up's scopes: quarkus-oidc updates a dynamic tenant whose resolved configuration is another object
     * than the one it holds (keeping its provider connection, discovery and keys) and builds this request's
     * authorization request from it. Elsewhere in the flow (the callback), scopes play no part.
     */
    private Uni<OidcTenantConfig> stepUpTenant(RoutingContext context, String instanceId) {
        Optional<ConfiguredInstance> instance = instances.byId(instanceId);
        if (instance.isEmpty()) {
            Log.debugf("Refused a step-up for an unknown GitLab instance");
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown GitLab instance"));
        }
        String scopes = context.request().getParam(SCOPE_PARAM);
        if (scopes != null && SCOPES.matcher(scopes).matches()) {
            return Uni.createFrom().item(tenant(instance.get(), stepUpTenantId(instance.get()), scopes));
        }
        return Uni.createFrom().item(tenants.get(stepUpTenantId(instance.get())));
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
        String instanceId = tenant.endsWith(STEP_UP_SUFFIX)
                ? tenant.substring(0, tenant.length() - STEP_UP_SUFFIX.length()) : tenant;
        return instances.byId(instanceId)
                .orElseThrow(() -> new IllegalStateException("no instance for tenant " + tenant));
    }
}
