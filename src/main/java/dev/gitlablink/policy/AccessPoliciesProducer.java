package dev.gitlablink.policy;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.gitlablink.gitlab.GitLabConfig;
import dev.gitlablink.gitlab.GitLabInstances;
import dev.gitlablink.gitlab.GitLabInstancesConfig;
import io.quarkus.runtime.Startup;

/** Builds {@link AccessPolicies} at start-up, so a faulty policy stops the service at once. */
public class AccessPoliciesProducer {

    @Produces
    @Singleton
    @Startup
    AccessPolicies policies(GitLabInstances instances, GitLabConfig gitLab, GitLabInstancesConfig more) {
        Map<String, AccessPolicies.Settings> settings = new HashMap<>();
        more.entries().forEach((key, entry) -> settings.put(AccessPolicies.lower(key), new AccessPolicies.Settings(
                entry.policyAllowedGroups(), entry.policyAllowedUsers(), entry.policyAllowedEmailDomains(),
                entry.policyAllowBots())));
        settings.put(instances.defaultInstance().id(), new AccessPolicies.Settings(gitLab.policyAllowedGroups(),
                gitLab.policyAllowedUsers(), gitLab.policyAllowedEmailDomains(), gitLab.policyAllowBots()));
        return AccessPolicies.of(instances, settings);
    }
}
