package dev.gitlablink.gitlab;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

/** Builds {@link GitLabInstances} from the configuration at start-up, so a faulty entry stops the service at once. */
public class GitLabInstancesProducer {

    @Produces
    @Singleton
    @Startup
    GitLabInstances instances(GitLabConfig gitLab, GitLabInstancesConfig more) {
        return GitLabInstances.of(new GitLabInstances.DefaultInstance(gitLab.instanceId(), gitLab.instanceName(),
                gitLab.url(), gitLab.clientId(), gitLab.clientSecret(), gitLab.scopes()), more.entries());
    }
}
