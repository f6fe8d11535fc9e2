package dev.gitlablink.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may sign in with one GitLab instance: members of the allowed groups (by full path, subgroups included), the
 * allowed GitLab user ids, and users whose verified e-mail is in an allowed domain; GitLab's {@code state} must be
 * {@code active}, and bots are refused unless {@link #allowBots()}. With none of the three lists the policy is not in
 * force and anyone may sign in ({@link #OPEN}). Group paths and domains are kept in lower case.
 */
public record AccessPolicy(Set<String> allowedGroups, Set<String> allowedUserIds, Set<String> allowedEmailDomains,
        boolean allowBots) {

    /** No policy: anyone GitLab signs in may use the service. */
    public static final AccessPolicy OPEN = new AccessPolicy(Set.of(), Set.of(), Set.of(), false);

    /** A GitLab namespace path segment (GitLab's own rule, ASCII only); a full path joins them with {@code /}. */
    static final Pattern GROUP_PATH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");
    private static final Pattern USER_ID = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern DOMAIN = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    public AccessPolicy {
        allowedGroups = Set.copyOf(allowedGroups);
        allowedUserIds = Set.copyOf(allowedUserIds);
        allowedEmailDomains = Set.copyOf(allowedEmailDomains);
    }

    /** Whether the instance restricts who may sign in at all. */
    public boolean inForce() {
        return !allowedGroups.isEmpty() || !allowedUserIds.isEmpty() || !allowedEmailDomains.isEmpty();
    }

    /**
     * The policy of configuration entry {@code entry} (named in errors, never with a value that could be a secret):
     * each list comma-separated. Group paths may be written with a leading or trailing {@code /}; a path with empty,
     * {@code .} or {@code ..} segments, a user id that is not a GitLab user id, a domain that is not a plain ASCII
     * host name (no {@code @}, no wildcard, no leading dot) are errors.
     */
    public static AccessPolicy parse(String entry, Optional<List<String>> groups, Optional<List<String>> userIds,
            Optional<List<String>> domains, boolean allowBots, List<String> errors) {
        Set<String> groupSet = new LinkedHashSet<>();
        for (String group : values(groups)) {
            String path = trimSlashes(group);
            if (!validGroupPath(path)) {
                errors.add(entry + ": allowed group '" + group + "' is not a GitLab group full path");
            } else {
                groupSet.add(AsciiCase.lower(path));
            }
        }
        Set<String> userSet = new LinkedHashSet<>();
        for (String id : values(userIds)) {
            if (!USER_ID.matcher(id).matches()) {
                errors.add(entry + ": allowed user '" + id + "' is not a numeric GitLab user id");
            } else {
                userSet.add(id);
            }
        }
        Set<String> domainSet = new LinkedHashSet<>();
        for (String domain : values(domains)) {
            String lower = AsciiCase.lower(domain);
            if (lower == null || !DOMAIN.matcher(lower).matches()) {
                errors.add(entry + ": allowed e-mail domain '" + domain + "' is not a domain name");
            } else {
                domainSet.add(lower);
            }
        }
        return new AccessPolicy(groupSet, userSet, domainSet, allowBots);
    }

    /** A full path GitLab could send: ASCII segments, none empty, none {@code .} or {@code ..}. */
    static boolean validGroupPath(String path) {
        if (path == null || !GROUP_PATH.matcher(path).matches()) {
            return false;
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static List<String> values(Optional<List<String>> list) {
        List<String> values = new ArrayList<>();
        list.orElse(List.of()).stream().map(String::strip).filter(value -> !value.isEmpty()).forEach(values::add);
        return values;
    }

    private static String trimSlashes(String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    @Override
    public String toString() {
        return "AccessPolicy[groups=" + allowedGroups.size() + ", users=" + allowedUserIds.size() + ", domains="
                + allowedEmailDomains.size() + ", allowBots=" + allowBots + "]";
    }
}
