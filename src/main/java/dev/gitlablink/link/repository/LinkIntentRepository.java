package dev.gitlablink.link.repository;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Link intents by id hash. */
@ApplicationScoped
public class LinkIntentRepository implements PanacheRepositoryBase<LinkIntent, String> {

    /** The intent, locked until the transaction ends, so two requests cannot both use it. */
    public Optional<LinkIntent> findForUpdate(String idHash) {
        return findByIdOptional(idHash, LockModeType.PESSIMISTIC_WRITE);
    }

    public long deleteExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }
}
