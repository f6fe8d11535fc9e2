package dev.gitlablink.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.gitlablink.gitlab.ConfiguredInstance;
import dev.gitlablink.gitlab.GitLabInstances;
import io.quarkus.logging.Log;

/**
 * The access policy of each configured GitLab instance, by its normalised URL. Built once at start-up
 * ({@link AccessPoliciesProducer}), which fails naming every faulty entry; an instance with a policy must also ask
 * GitLab for a scope that reads {@code GET /api/v4/user} (its {@code state} and {@code bot}).
 */
public final class AccessPolicies {

    private static final Pattern READS_USER = Pattern.compile("(.*\\s)?(read_user|read_api|api)(\\s.*)?");

    private final Map<String, AccessPolicy> byUrl;
    private final Map<String, String> idsByUrl;

    private AccessPolicies(Map<String, AccessPolicy> byUrl, Map<String, String> idsByUrl) {
        this.byUrl = Map.copyOf(byUrl);
        this.idsByUrl = Map.copyOf(idsByUrl);
    }

    /**
     * Each instance's policy from its settings ({@code policies} by instance id, as {@link AccessPolicy#parse} reads
     * them), checked against the instance's scopes.
     *
     * @throws IllegalStateException naming each faulty entry
     */
    public static AccessPolicies of(GitLabInstances instances, Map<String, Settings> policies) {
        List<String> errors = new ArrayList<>();
        Map<String, AccessPolicy> byUrl = new TreeMap<>();
        Map<String, String> ids = new TreeMap<>();
        for (ConfiguredInstance instance : instances.all()) {
            Settings settings = policies.get(instance.id());
            String entry = instance.isDefault() ? "the default instance's policy (GITLAB_POLICY_*)"
                    : "gitlab-link.instances." + instance.id() + ".policy-*";
            AccessPolicy policy = settings == null ? AccessPolicy.OPEN : AccessPolicy.parse(entry,
                    settings.groups(), settings.users(), settings.domains(), settings.allowBots(), errors);
            if (policy.inForce() && !READS_USER.matcher(instance.scopes()).matches()) {
                errors.add(entry + ": a policy needs the scope read_user, read_api or api to read the user's state");
            }
            byUrl.put(instance.url(), policy);
            ids.put(instance.url(), instance.id());
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Invalid access policy configuration: " + String.join("; ", errors));
        }
        byUrl.forEach((url, policy) -> {
            if (policy.inForce()) {
                Log.infof("GitLab instance %s: only users its access policy allows may sign in (%s)", ids.get(url),
                        policy);
            } else {
                Log.warnf("GitLab instance %s has no access policy: ANY user of %s may sign in", ids.get(url), url);
            }
        });
        return new AccessPolicies(byUrl, ids);
    }

    /**
     * The policy of the instance at {@code instanceUrl}. An instance no longer configured has none, but nothing reaches
     * its GitLab any more either (gitlab/GitLabInstances#require).
     */
    public AccessPolicy forInstance(String instanceUrl) {
        return byUrl.getOrDefault(instanceUrl, AccessPolicy.OPEN);
    }

    /** The configured id of the instance (a bounded metric label). */
    public String instanceId(String instanceUrl) {
        return idsByUrl.getOrDefault(instanceUrl, "removed");
    }

    /** The URLs of the instances whose policy is in force. */
    public List<String> urlsInForce() {
        return byUrl.entrySet().stream().filter(entry -> entry.getValue().inForce()).map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }

    /** One instance's policy settings, as configured. */
    public record Settings(Optional<List<String>> groups, Optional<List<String>> users,
            Optional<List<String>> domains, boolean allowBots) {
    }

    static String lower(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
