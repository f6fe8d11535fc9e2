package dev.gitlablink.emulator.state;

import dev.gitlablink.emulator.EmulatorGroup;

/**
 * A group as one user sees it.
 *
 * @param accessLevel effective (possibly inherited) access, 0 when not a member
 * @param directAccess direct membership level, or {@code null}
 */
public record GroupAccess(EmulatorGroup group, int accessLevel, Integer directAccess) {
}
