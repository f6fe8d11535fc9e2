package dev.gitlablink.gitlab;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * GitLab instances beyond the default one ({@code GITLAB_URL} & co., see {@link GitLabConfig}), by id:
 * {@code gitlab-link.instances.<id>.url} and so on, or the environment variables
 * {@code GITLAB_LINK_INSTANCES_<ID>_URL}, {@code _NAME}, {@code _CLIENT_ID}, {@code _CLIENT_SECRET}, {@code _SCOPES},
 * {@code _RETIRED} and the access policy's {@code _POLICY_*}. Checked at start-up by {@link GitLabInstances} (the
 * policy by {@code policy/AccessPolicies}).
 */
@ConfigMapping(prefix = "gitlab-link.instances")
public interface GitLabInstancesConfig {

    /** The instances by id: lower-case letters and digits, starting with a letter. */
    @WithParentName
    Map<String, Entry> entries();

    /** One self-managed GitLab (or gitlab.com) and the OAuth application registered there. */
    interface Entry {

        /** Base URL, absolute http(s), a path prefix allowed ({@code https://example.com/gitlab}). */
        Optional<String> url();

        /** Name shown to users; the id when absent. */
        Optional<String> name();

        /** Application ID of the OAuth application on that instance; required. */
        Optional<String> clientId();

        /** Secret of that application; required. */
        Optional<String> clientSecret();

        /** Space-separated scopes requested at sign-in, with {@code openid}; the default instance's when absent. */
        Optional<String> scopes();

        /**
         * Retired: nobody signs in or links there any more, and its accounts show as {@code instance_removed}, but
         * its OAuth application stays configured so that the grants still stored for it are revoked at GitLab.
         */
        @WithDefault("false")
        boolean retired();

        /**
         * Access policy: full paths of the groups whose members (subgroups included) may sign in, comma-separated.
         * No policy list at all: anyone may sign in.
         */
        Optional<List<String>> policyAllowedGroups();

        /** Access policy: GitLab user ids (numeric) who may sign in, comma-separated. */
        Optional<List<String>> policyAllowedUsers();

        /** Access policy: domains whose verified e-mail addresses may sign in, comma-separated, matched exactly. */
        Optional<List<String>> policyAllowedEmailDomains();

        /** Access policy: whether GitLab bot users may sign in where a policy is in force. */
        @WithDefault("false")
        boolean policyAllowBots();
    }
}
