package dev.gitlablink.account;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** App users by id. */
@ApplicationScoped
public class AppUserRepository implements PanacheRepositoryBase<AppUser, UUID> {
}
