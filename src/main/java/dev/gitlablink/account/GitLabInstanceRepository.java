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

    /**
     * Returns the instance for the URL, inserting it on first sight. Call inside a transaction. Concurrent first
     * sign-ins all insert with {@code ON CONFLICT DO NOTHING}: each waits for whichever insert came first and then
     * reads its row, instead of failing on the unique constraint.
     */
    public GitLabInstance getOrCreate(String baseUrl, Instant now) {
        Optional<GitLabInstance> known = findByBaseUrl(baseUrl);
        if (known.isPresent()) {
            return known.get();
        }
        getEntityManager().createNativeQuery(
                "insert into gitlab_instance (base_url, created_at) values (?1, ?2) on conflict (base_url) do nothing")
                .setParameter(1, baseUrl)
                .setParameter(2, now)
                .executeUpdate();
        return findByBaseUrl(baseUrl).orElseThrow();
    }
}
