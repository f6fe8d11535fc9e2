package dev.gitlablink.api.view;

import dev.gitlablink.gitlab.ConfiguredInstance;

/** A GitLab instance users can sign in with: what the sign-in page shows, never its OAuth application's secret. */
public record InstanceView(String id, String name, String url, boolean isDefault) {

    public static InstanceView of(ConfiguredInstance instance) {
        return new InstanceView(instance.id(), instance.name(), instance.url(), instance.isDefault());
    }
}
