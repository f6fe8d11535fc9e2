package dev.gitlablink.account;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** GitLab scope lists as GitLab writes them: space-separated, order kept, duplicates dropped. */
public final class Scopes {

    private Scopes() {
    }

    /** The scopes of a space-separated list (empty for null or blank). */
    public static Set<String> parse(String scopes) {
        Set<String> parsed = new LinkedHashSet<>();
        if (scopes != null && !scopes.isBlank()) {
            parsed.addAll(java.util.List.of(scopes.trim().split("\\s+")));
        }
        return parsed;
    }

    /** The space-separated list of {@code scopes}, in their order. */
    public static String join(Collection<String> scopes) {
        return String.join(" ", new LinkedHashSet<>(scopes));
    }
}
