package dev.gitlablink.emulator.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** GitLab's OAuth scope vocabulary and Doorkeeper's scope-string rules. */
public final class Scopes {

    /**
     * Doorkeeper {@code default_scopes + optional_scopes} as gitlab.com advertised them in 2025, minus the
     * dynamic {@code user:*} scope the emulator does not implement.
     */
    public static final List<String> SUPPORTED = List.of("api", "read_api", "read_user", "create_runner",
            "manage_runner", "k8s_proxy", "self_rotate", "read_repository", "write_repository", "read_registry",
            "write_registry", "read_virtual_registry", "write_virtual_registry", "read_observability",
            "write_observability", "ai_features", "sudo", "admin_mode", "read_service_ping", "openid", "profile",
            "email", "ai_workflows");

    /** Doorkeeper's {@code default_scopes}: used when a request has no {@code scope}. */
    public static final List<String> DEFAULT = List.of("api");

    public static final String OPENID = "openid";
    public static final String EMAIL = "email";

    private Scopes() {
    }

    /** Splits a space-separated scope string, dropping duplicates but keeping the order. */
    public static List<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        Set<String> scopes = new LinkedHashSet<>(List.of(scope.strip().split("\\s+")));
        return List.copyOf(scopes);
    }

    /** Doorkeeper's {@code ScopeChecker.valid?}: every scope known to the server and allowed for the app. */
    public static boolean allowed(Collection<String> requested, Collection<String> allowed) {
        return !requested.isEmpty() && SUPPORTED.containsAll(requested) && allowed.containsAll(requested);
    }

    public static String join(Collection<String> scopes) {
        return String.join(" ", scopes);
    }

    /** The scopes of {@code candidates} that {@code granted} includes, in {@code candidates} order. */
    public static List<String> intersection(List<String> candidates, Collection<String> granted) {
        List<String> result = new ArrayList<>(candidates);
        result.retainAll(granted);
        return result;
    }
}
