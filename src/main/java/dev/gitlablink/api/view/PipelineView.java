package dev.gitlablink.api.view;

import java.time.Instant;

import dev.gitlablink.gitlab.model.GitLabPipeline;

/** A pipeline run. */
public record PipelineView(Long id, Long iid, Long projectId, String status, String source, String ref, String sha,
        String name, String webUrl, Instant createdAt, Instant updatedAt) {

    public static PipelineView of(GitLabPipeline pipeline) {
        return new PipelineView(pipeline.id(), pipeline.iid(), pipeline.projectId(), pipeline.status(),
                pipeline.source(), pipeline.ref(), pipeline.sha(), pipeline.name(), pipeline.webUrl(),
                pipeline.createdAt(), pipeline.updatedAt());
    }
}
