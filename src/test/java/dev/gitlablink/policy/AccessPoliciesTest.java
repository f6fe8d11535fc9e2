package dev.gitlablink.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gitlablink.gitlab.GitLabInstances;
import dev.gitlablink.gitlab.GitLabInstancesConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Each instance's policy, read from the environment variables the README names, and checked at start-up. */
class AccessPoliciesTest {

    private static final GitLabInstances.DefaultInstance DEFAULT = new GitLabInstances.DefaultInstance("gitlab",
            "GitLab", "https://gitlab.com", "client", "secret", "openid read_user");

    @Test
    void environmentVariablesNameEachInstancesPolicy() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of(
                        "GITLAB_LINK_INSTANCES_WORK_URL", "https://git.example.com",
                        "GITLAB_LINK_INSTANCES_WORK_CLIENT_ID", "work-client",
                        "GITLAB_LINK_INSTANCES_WORK_CLIENT_SECRET", "work-secret",
                        "GITLAB_LINK_INSTANCES_WORK_POLICY_ALLOWED_GROUPS", "acme/platform,tools",
                        "GITLAB_LINK_INSTANCES_WORK_POLICY_ALLOWED_USERS", "1001",
                        "GITLAB_LINK_INSTANCES_WORK_POLICY_ALLOWED_EMAIL_DOMAINS", "Example.com",
                        "GITLAB_LINK_INSTANCES_WORK_POLICY_ALLOW_BOTS", "true"), 300))
                .withMapping(GitLabInstancesConfig.class)
                .build();
        Map<String, GitLabInstancesConfig.Entry> entries = config.getConfigMapping(GitLabInstancesConfig.class)
                .entries();
        GitLabInstances instances = GitLabInstances.of(DEFAULT, entries);
        Map<String, AccessPolicies.Settings> settings = new HashMap<>();
        entries.forEach((id, entry) -> settings.put(id, new AccessPolicies.Settings(entry.policyAllowedGroups(),
                entry.policyAllowedUsers(), entry.policyAllowedEmailDomains(), entry.policyAllowBots())));

        AccessPolicies policies = AccessPolicies.of(instances, settings);

        AccessPolicy work = policies.forInstance("https://git.example.com");
        assertEquals(new AccessPolicy(Set.of("acme/platform", "tools"), Set.of("1001"), Set.of("example.com"), true),
                work);
        assertFalse(policies.forInstance("https://gitlab.com").inForce(), "no policy: anyone");
        assertEquals(List.of("https://git.example.com"), policies.urlsInForce());
        assertEquals("work", policies.instanceId("https://git.example.com"));
    }

    @Test
    void aPolicyNeedsAScopeThatReadsTheUserAndValidEntries() {
        GitLabInstances openidOnly = GitLabInstances.of(new GitLabInstances.DefaultInstance("gitlab", "GitLab",
                "https://gitlab.com", "client", "secret", "openid profile email"), Map.of());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> AccessPolicies.of(openidOnly,
                Map.of("gitlab", new AccessPolicies.Settings(Optional.of(List.of("acme", "a/../b")), Optional.empty(),
                        Optional.of(List.of("*.example.com")), false))));
        String message = refused.getMessage();
        assertTrue(message.contains("'a/../b' is not a GitLab group full path"), message);
        assertTrue(message.contains("'*.example.com' is not a domain name"), message);
        assertTrue(message.contains("needs the scope read_user, read_api or api"), message);
        // Without a policy the scopes do not matter.
        assertFalse(AccessPolicies.of(openidOnly, Map.of()).forInstance("https://gitlab.com").inForce());
    }
}
