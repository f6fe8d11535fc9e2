package dev.gitlablink.link.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.gitlablink.link.service.NewDeviceLink;

/** A device link just started: the code the user enters at GitLab, and where. */
public record DeviceLinkView(
        @Schema(description = "Id for `GET /api/links/device/{id}`") UUID id,
        @Schema(description = "The code to enter at GitLab", examples = "A1B2C3D4") String userCode,
        @Schema(description = "GitLab's page to enter the code at") String verificationUri,
        @Schema(description = "GitLab's page with the code filled in") String verificationUriComplete,
        @Schema(description = "When the code stops working") Instant expiresAt,
        @Schema(description = "Seconds GitLab asks between polls; the SPA may poll the status as often") int interval) {

    static DeviceLinkView of(NewDeviceLink link) {
        return new DeviceLinkView(link.id(), link.userCode(), link.verificationUri(), link.verificationUriComplete(),
                link.expiresAt(), link.interval());
    }
}
