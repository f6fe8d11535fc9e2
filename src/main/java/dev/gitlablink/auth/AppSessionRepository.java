package dev.gitlablink.auth;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Sessions by id hash. */
@ApplicationScoped
public class AppSessionRepository implements PanacheRepositoryBase<AppSession, String> {

    long deleteExpired(Instant now) {
        return delete("idleExpiresAt <= ?1 or absoluteExpiresAt <= ?1", now);
    }
}
