package dev.unstuck.app.service;

import dev.unstuck.core.engine.Cause;
import dev.unstuck.core.engine.Outcome;

/**
 * Marks an org whose act Genesys refused for a permission (403), from any ending (the API's, the watch's,
 * a sweep's, a resume), and clears the mark when an ending succeeds; {@link CredentialCheck} clears it
 * too once the client's roles hold the permissions again. Registered before the alert conditions, so
 * they judge the org's state as this ending left it.
 */
final class ActRefusals implements Observers.Observer {
    private final OrgRuntimes orgs;

    ActRefusals(OrgRuntimes orgs) {
        this.orgs = orgs;
    }

    @Override
    public void ended(String org, String source, String queue, String reason, Outcome outcome) {
        if (outcome instanceof Outcome.Failed failed && failed.cause() instanceof Cause.PermissionMissing missing) {
            orgs.get(org).actsRefused(missing.permissions());
        } else if (outcome instanceof Outcome.Ended ended && !ended.alreadyEnded()) {
            orgs.get(org).actsAllowed(); // an act went through: whatever was missing is held again
        }
    }
}
