package dev.gitlablink.account;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** Finds or records GitLab instances by base URL. */
@ApplicationScoped
public class GitLabInstanceRepository implements PanacheRepository<GitLabInstance> {

    public Optional<GitLabInstance> findByBaseUrl(String baseUrl) {
        return find("baseUrl", baseUrl).firstResultOptional();
    }

    /** Returns the instance for the URL, inserting it on first sight. Call inside a transaction. */
    public GitLabInstance getOrCreate(String baseUrl, Instant now) {
        return findByBaseUrl(baseUrl).orElseGet(() -> {
            GitLabInstance instance = new GitLabInstance();
            instance.baseUrl = baseUrl;
            instance.createdAt = now;
            persist(instance);
            return instance;
        });
    }
}
