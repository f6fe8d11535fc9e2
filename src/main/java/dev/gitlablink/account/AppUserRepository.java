package dev.gitlablink.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.query.NativeQuery;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** App users by id. */
@ApplicationScoped
public class AppUserRepository implements PanacheRepositoryBase<AppUser, UUID> {

    /** Records a sign-in of the user with one statement, without loading the row. Needs a transaction. */
    public void recordSignIn(UUID userId, Instant at) {
        getEntityManager().createNativeQuery("update app_user set last_sign_in_at = ?2 where id = ?1")
                // Only this table: the caller's pending changes to other entities need not be flushed before it.
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("app_user")
                .setParameter(1, userId)
                .setParameter(2, at)
                .executeUpdate();
    }
}
