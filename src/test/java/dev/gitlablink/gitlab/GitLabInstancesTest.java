package dev.gitlablink.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The instance configuration: environment variables of map entries, and every refusal at start-up. */
class GitLabInstancesTest {

    private static final String SECRET = "s3cr3t-value-never-in-a-message";
    private static final GitLabInstances.DefaultInstance GITLAB_COM = new GitLabInstances.DefaultInstance("gitlab",
            "GitLab.com", "https://gitlab.com/", "default-client", SECRET, "openid read_api");

    record Entry(Optional<String> url, Optional<String> name, Optional<String> clientId,
            Optional<String> clientSecret, Optional<String> scopes, boolean retired)
            implements GitLabInstancesConfig.Entry {

        Entry(Optional<String> url, Optional<String> name, Optional<String> clientId, Optional<String> clientSecret,
                Optional<String> scopes) {
            this(url, name, clientId, clientSecret, scopes, false);
        }

        static Entry of(String url) {
            return new Entry(Optional.ofNullable(url), Optional.empty(), Optional.of("client"), Optional.of(SECRET),
                    Optional.empty());
        }

        Entry retire() {
            return new Entry(url, name, clientId, clientSecret, scopes, true);
        }

        @Override
        public Optional<java.util.List<String>> policyAllowedGroups() {
            return Optional.empty();
        }

        @Override
        public Optional<java.util.List<String>> policyAllowedUsers() {
            return Optional.empty();
        }

        @Override
        public Optional<java.util.List<String>> policyAllowedEmailDomains() {
            return Optional.empty();
        }

        @Override
        public boolean policyAllowBots() {
            return false;
        }
    }

    @Test
    void aRetiredInstanceServesOnlyToRevokeItsGrants() {
        GitLabInstances instances = GitLabInstances.of(GITLAB_COM, Map.of(
                "work", Entry.of("https://git.example.com"),
                "old", Entry.of("https://old.example.com/").retire()));

        assertEquals(List.of("gitlab", "work"), instances.all().stream().map(ConfiguredInstance::id).toList());
        assertTrue(instances.byId("old").isEmpty(), "nobody signs in or links at a retired instance");
        assertTrue(instances.byUrl("https://old.example.com").isEmpty(), "its accounts show as instance_removed");
        assertThrows(GitLabInstanceRemovedException.class, () -> instances.require("https://old.example.com"));
        assertEquals(List.of("old"), instances.retired().stream().map(ConfiguredInstance::id).toList());
        assertEquals("client", instances.forRevocation("https://old.example.com").orElseThrow().clientId());
        assertEquals("work", instances.forRevocation("https://git.example.com").orElseThrow().id());
        assertTrue(instances.forRevocation("https://gone.example.com").isEmpty());
    }

    @Test
    void aRetiredInstanceIsCheckedLikeAnyOther() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> GitLabInstances.of(GITLAB_COM,
                Map.of("old", new Entry(Optional.of("https://gitlab.com"), Optional.empty(), Optional.of("c"),
                        Optional.empty(), Optional.empty(), true))));

        assertTrue(refused.getMessage().contains("gitlab-link.instances.old: client-secret is missing"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("have the same url"), refused.getMessage());
    }

    @Test
    void environmentVariablesNameMapEntries() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of(
                        "GITLAB_LINK_INSTANCES_WORK_URL", "https://git.example.com/gitlab/",
                        "GITLAB_LINK_INSTANCES_WORK_NAME", "Work GitLab",
                        "GITLAB_LINK_INSTANCES_WORK_CLIENT_ID", "work-client",
                        "GITLAB_LINK_INSTANCES_WORK_CLIENT_SECRET", SECRET), 300))
                .withSources(new PropertiesConfigSource(Map.of(
                        "gitlab-link.instances.lab.url", "http://lab.internal:8080",
                        "gitlab-link.instances.lab.client-id", "lab-client",
                        "gitlab-link.instances.lab.client-secret", SECRET,
                        "gitlab-link.instances.lab.scopes", "openid read_user"), "test", 100))
                .withMapping(GitLabInstancesConfig.class)
                .build();

        GitLabInstances instances = GitLabInstances.of(GITLAB_COM,
                config.getConfigMapping(GitLabInstancesConfig.class).entries());

        assertEquals(List.of("gitlab", "lab", "work"), instances.all().stream().map(ConfiguredInstance::id).toList());
        ConfiguredInstance work = instances.byId("work").orElseThrow();
        assertEquals("https://git.example.com/gitlab", work.url());
        assertEquals("Work GitLab", work.name());
        assertEquals("work-client", work.clientId());
        assertEquals("openid read_api", work.scopes(), "the default instance's scopes");
        ConfiguredInstance lab = instances.byId("lab").orElseThrow();
        assertEquals("lab", lab.name(), "the id stands in for a missing name");
        assertEquals("openid read_user", lab.scopes());
        assertEquals(work, instances.byUrl("https://git.example.com/gitlab").orElseThrow());
        assertTrue(instances.defaultInstance().isDefault());
        assertEquals("https://gitlab.com", instances.defaultInstance().url());
        assertFalse(work.toString().contains(SECRET));
    }

    @Test
    void refusesEveryFaultyEntryNamingItButNeverTheSecret() {
        Map<String, GitLabInstancesConfig.Entry> entries = Map.of(
                "relative", Entry.of("/gitlab"),
                "ftp", Entry.of("ftp://git.example.com"),
                "query", Entry.of("https://git.example.com/?x=1"),
                "nourl", Entry.of(null),
                "same", Entry.of("HTTPS://GitLab.com:443"),
                "Bad_Id", Entry.of("https://bad.example.com"),
                "nosecret", new Entry(Optional.of("https://a.example.com"), Optional.empty(), Optional.of("c"),
                        Optional.of(" "), Optional.empty()),
                "noclient", new Entry(Optional.of("https://b.example.com"), Optional.empty(), Optional.empty(),
                        Optional.of(SECRET), Optional.empty()),
                "noopenid", new Entry(Optional.of("https://c.example.com"), Optional.empty(), Optional.of("c"),
                        Optional.of(SECRET), Optional.of("read_api")));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> GitLabInstances.of(GITLAB_COM, entries));

        String message = refused.getMessage();
        List.of("gitlab-link.instances.relative: url must be an absolute http(s) URL",
                "gitlab-link.instances.ftp: url must be an absolute http(s) URL",
                "gitlab-link.instances.query: url must be an absolute http(s) URL",
                "gitlab-link.instances.nourl: url is missing",
                "instances gitlab and same have the same url https://gitlab.com",
                "gitlab-link.instances.Bad_Id: the id must be lower-case letters and digits",
                "gitlab-link.instances.nosecret: client-secret is missing",
                "gitlab-link.instances.noclient: client-id is missing",
                "gitlab-link.instances.noopenid: scopes must include openid")
                .forEach(expected -> assertTrue(message.contains(expected), expected + " in " + message));
        assertFalse(message.contains(SECRET));
    }

    @Test
    void refusesAnInstanceIdTakenByTheDefaultInstance() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> GitLabInstances.of(GITLAB_COM, Map.of("gitlab", Entry.of("https://other.example.com"))));
        assertTrue(refused.getMessage().contains("instance id gitlab is configured twice"), refused.getMessage());
    }

    @Test
    void refusesADefaultInstanceWithoutClient() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> GitLabInstances.of(new GitLabInstances.DefaultInstance("gitlab", "GitLab", "https://gitlab.com",
                        "", SECRET, "openid"), Map.of()));
        assertTrue(refused.getMessage().contains("the default instance (GITLAB_INSTANCE_ID=gitlab): client-id is "
                + "missing"), refused.getMessage());
    }

    @Test
    void aRemovedInstanceIsNamedByItsUrl() {
        GitLabInstances instances = GitLabInstances.of(GITLAB_COM, Map.of());
        assertTrue(instances.byUrl("https://old.example.com").isEmpty());
        GitLabInstanceRemovedException removed = assertThrows(GitLabInstanceRemovedException.class,
                () -> instances.require("https://old.example.com"));
        assertTrue(removed.getMessage().contains("https://old.example.com"));
    }
}
