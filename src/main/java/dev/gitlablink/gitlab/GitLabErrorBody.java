package dev.gitlablink.gitlab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The fields GitLab's error bodies use: OAuth's {@code error}, the API's {@code message}, and {@code scope}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record GitLabErrorBody(String error, Object message, String scope) {

    static final GitLabErrorBody EMPTY = new GitLabErrorBody(null, null, null);
}
