package dev.unstuck.app.cli;

import dev.unstuck.core.detect.Policy;

/** The detection policy of the org a command acts on, from the config file. */
final class Detection {
    private Detection() {}

    static Policy policy(OrgSession session) {
        return session.config().detectionFor(session.target().org());
    }
}
