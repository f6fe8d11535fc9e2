package dev.gitlablink.link.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.gitlablink.gitlab.GitLabConfig;
import dev.gitlablink.gitlab.GitLabUrls;

/**
 * The GitLab instances a user may link an account of, by id. Today that is the one configured instance, whose id is
 * {@value #DEFAULT_ID}.
 */
@ApplicationScoped
public class LinkInstances {

    /** The id of the instance {@code GITLAB_URL} names. */
    public static final String DEFAULT_ID = "default";

    private final GitLabConfig gitLab;

    LinkInstances(GitLabConfig gitLab) {
        this.gitLab = gitLab;
    }

    /** The normalised base URL of the instance with this id, if there is one. */
    public Optional<String> baseUrl(String instanceId) {
        return DEFAULT_ID.equals(instanceId) ? Optional.of(GitLabUrls.normalise(gitLab.url())) : Optional.empty();
    }
}
