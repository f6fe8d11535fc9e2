package dev.gitlablink.web;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * An https {@code PUBLIC_BASE_URL} makes quarkus-oidc's state and session cookies {@code Secure}, as it makes ours:
 * quarkus-oidc's {@code cookie-force-secure} cannot be written in application.properties as an expression of the
 * URL's scheme, and a pod behind an ingress sees plain http. Runs outside the expression interceptor, so it sees
 * both values expanded.
 */
@Priority(Priorities.APPLICATION)
public class HttpsCookiesConfigInterceptor implements ConfigSourceInterceptor {

    static final String OIDC_COOKIE_FORCE_SECURE = "quarkus.oidc.authentication.cookie-force-secure";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!OIDC_COOKIE_FORCE_SECURE.equals(name) || !publicUrlIsHttps(context)) {
            return value;
        }
        return value == null ? ConfigValue.builder().withName(name).withValue("true").build()
                : value.withValue("true");
    }

    private static boolean publicUrlIsHttps(ConfigSourceInterceptorContext context) {
        ConfigValue publicUrl = context.proceed(WebConfig.PUBLIC_BASE_URL);
        return publicUrl != null && publicUrl.getValue() != null
                && publicUrl.getValue().regionMatches(true, 0, "https://", 0, "https://".length());
    }
}
