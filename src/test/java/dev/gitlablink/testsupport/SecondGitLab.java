package dev.gitlablink.testsupport;

import dev.gitlablink.emulator.GitLabEmulator;

/**
 * The second GitLab instance every test run configures next to the default one: its emulator and the instance id
 * ({@code /login?instance=}) it has in the service. Tests get it through a field annotated {@link LocalServices}.
 */
public record SecondGitLab(GitLabEmulator emulator, String instanceId) {

    /** The id the test configuration gives the second instance. */
    public static final String INSTANCE_ID = "second";
    public static final String NAME = "Second GitLab";
    public static final String CLIENT_ID = "gitlab-link-test-2";
    /** Narrower than the default instance's scopes, so a tenant asking for the default's shows. */
    public static final String SCOPES = "openid profile read_user read_api";
}
