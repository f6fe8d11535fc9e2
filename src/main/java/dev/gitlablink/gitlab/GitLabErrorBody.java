package dev.gitlablink.gitlab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The fields GitLab's error bodies use: OAuth's {@code error}, the API's {@code message}, and {@code scope}. */
// Read by GitLabErrors' own ObjectMapper, through reflection, which a native image has to be told about.
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record GitLabErrorBody(String error, Object message, String scope) {

    static final GitLabErrorBody EMPTY = new GitLabErrorBody(null, null, null);
}
