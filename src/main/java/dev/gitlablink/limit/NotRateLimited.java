package dev.gitlablink.limit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@code /api} resource method that the per-session rate limit must not refuse: signing out, which only ends
 * the session (after it the cookie is answered 401), always works, even for a session over its limit.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NotRateLimited {
}
