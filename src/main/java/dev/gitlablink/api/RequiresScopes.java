package dev.gitlablink.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * The GitLab scopes a route on {@code /api/accounts/{accountId}/...} needs the account to hold, all of them: the one
 * place a route declares them. {@link RequiredScopesFilter} refuses the request with 403
 * {@code gitlab_insufficient_scope} before anything is sent to GitLab when the account's granted scopes lack one.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
// A resource class using it is registered for reflection (@RegisterForReflection), so a native image keeps the
// annotation readable on its methods.
public @interface RequiresScopes {

    /** Scopes the account must have been granted, e.g. {@code api}. */
    String[] value();
}
