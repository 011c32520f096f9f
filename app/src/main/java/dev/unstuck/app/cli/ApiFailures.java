package dev.unstuck.app.cli;

import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.GenesysLoginException;
import dev.unstuck.core.genesys.GenesysOrg;

/**
 * Turns a failed Genesys call that stops a whole command (the region unreachable, not Genesys
 * answering, the client rejected) into one line the user can act on. The client's messages already
 * name the host, what happened and the fix, and hold server text only cleaned.
 */
final class ApiFailures {
    private ApiFailures() {}

    static UserError explain(GenesysException e, GenesysOrg org) {
        if (e instanceof GenesysLoginException login && login.reason() == GenesysLoginException.Reason.TOKEN_REFUSED) {
            // Nothing here can renew a token given ready-made: the user must bring a new one.
            return new UserError(ExitCode.CONFIG, e.getMessage().replace("get a new one", "get a new one into "
                    + dev.unstuck.app.config.OrgResolver.ACCESS_TOKEN));
        }
        if (e instanceof GenesysLoginException || e.affectsEveryCall()) {
            return new UserError(ExitCode.UNREACHABLE, e.getMessage() + hint(e));
        }
        if (e.status() == 401) {
            return new UserError(ExitCode.UNREACHABLE, "Genesys Cloud at " + org.region().apiBase() + " does not accept the token of OAuth client '"
                    + org.credentials().clientId() + "' (401 " + code(e)
                    + "): check that it is a client-credentials client of this region's org");
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

    private static String hint(GenesysException e) {
        return e.status() == 0 ? " (check GENESYSCLOUD_REGION / the org's region and the network)" : "";
    }

    private static String code(GenesysException e) {
        return e.error().map(b -> b.code()).orElse("no error body");
    }
}
