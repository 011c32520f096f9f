package dev.unstuck.app.cli;

import dev.unstuck.app.config.Target;
import dev.unstuck.core.genesys.GenesysException;

/**
 * Turns a failed Genesys call that stops a whole command (the region unreachable, the client
 * rejected) into one line the user can act on.
 */
final class ApiFailures {
    private ApiFailures() {}

    static UserError explain(GenesysException e, Target target) {
        String where = target.region().apiBase().toString();
        if (e.status() == 0) {
            return new UserError(ExitCode.UNREACHABLE, "cannot reach " + where + ": " + e.getMessage()
                    + " (check GENESYSCLOUD_REGION / the org's region and the network)");
        }
        if (e.status() == 400 || e.status() == 401) {
            return new UserError(ExitCode.UNREACHABLE, "Genesys Cloud at " + where + " rejected OAuth client '"
                    + target.credentials().clientId() + "' (" + e.status() + " " + code(e)
                    + "): check the client id and secret, and that it is a client-credentials client of this region's org");
        }
        if (e.status() == 403) {
            return new UserError(ExitCode.PERMISSION, "Genesys Cloud refused the call (403 " + code(e) + "): "
                    + e.error().map(b -> b.message()).orElse("missing permission")
                    + "; run 'unstuck doctor' for the exact fix");
        }
        return new UserError(ExitCode.FAILED, "Genesys Cloud answered " + e.status() + " " + code(e) + ": "
                + e.error().map(b -> b.message()).orElse(e.getMessage())
                + e.correlationId().map(id -> " (correlation id " + id + ")").orElse(""));
    }

    private static String code(GenesysException e) {
        return e.error().map(b -> b.code()).orElse("no error body");
    }
}
