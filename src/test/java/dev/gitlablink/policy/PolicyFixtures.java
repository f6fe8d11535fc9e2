package dev.gitlablink.policy;

import dev.gitlablink.emulator.GitLabEmulator;

/** The groups the policy tests' users join at the emulator: the allowed one, a subgroup and look-alikes. */
public final class PolicyFixtures {

    static final String[] GROUPS = {"acme", "acme/platform", "acme/platform/team", "acme/platformx", "tools"};

    private PolicyFixtures() {
    }

    /** Creates the groups once per emulator. */
    public static synchronized void groups(GitLabEmulator emulator) {
        for (String path : GROUPS) {
            if (emulator.data().group(path).isEmpty()) {
                emulator.data().createGroup(path, path.substring(path.lastIndexOf('/') + 1));
            }
        }
    }
}
