package dev.gitlablink.link.rest;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.gitlablink.link.service.DeviceLinkStatus;

/** Where a device link stands. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceLinkStatusView(
        @Schema(enumeration = {"pending", "linked", "denied", "expired", "refused"},
                description = "`refused`: that GitLab account is linked to another user") String status,
        @Schema(description = "The linked account, when `linked`") UUID accountId) {

    static DeviceLinkStatusView of(DeviceLinkStatus status) {
        return new DeviceLinkStatusView(status.status(), status.accountId());
    }
}
