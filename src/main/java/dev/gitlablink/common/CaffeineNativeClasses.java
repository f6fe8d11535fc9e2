package dev.gitlablink.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Caffeine cache and node classes this service's caches use, registered for reflection in the native executable:
 * Caffeine picks a generated class per combination of builder options by name at run time, and registering them all
 * would add megabytes. Bounded with expire-after-write (the session, token and unknown-session caches) and bounded
 * with expire-after-access (the per-key rate limits and bulkheads, limit/). A new combination of options needs its
 * classes here, or the native executable fails on first use with a ClassNotFoundException naming them.
 */
@RegisterForReflection(classNames = {
        "com.github.benmanes.caffeine.cache.SSMSW", "com.github.benmanes.caffeine.cache.PSWMS",
        "com.github.benmanes.caffeine.cache.SSMSA", "com.github.benmanes.caffeine.cache.PSAMS" })
final class CaffeineNativeClasses {

    private CaffeineNativeClasses() {
    }
}
