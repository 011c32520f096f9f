package dev.unstuck.app.cli;

import dev.unstuck.app.view.OutcomeView;
import dev.unstuck.core.engine.Cause;
import dev.unstuck.core.engine.Outcome;

import java.util.List;

/**
 * Every exit status the CLI uses, in one place so docs/cli.md and scripts can rely on them.
 */
public enum ExitCode {
    OK(0, "everything asked for was done (ended, already ended, or planned in a dry run)"),
    FAILED(1, "at least one conversation could not be ended, or doctor found a missing permission"),
    USAGE(2, "the command line is wrong (unknown option, malformed conversation id)"),
    CONFIG(3, "configuration is missing or wrong (credentials, region, config file, audit database), or a ready access token was refused (expired or revoked)"),
    PERMISSION(4, "Genesys Cloud refused a call for a missing permission (403); the message names it"),
    UNREACHABLE(5, "the region could not be reached or did not answer as Genesys Cloud (HTML, cut-short JSON, a login service that is not one), or the client id/secret was rejected"),
    SKIPPED(6, "nothing failed, but some conversations were left alone (live agent, only wrap-up pending)"),
    NOT_FOUND(7, "nothing failed, but Genesys does not know some conversation (wrong id, org or region, or too old)"),
    AUDIT(8, "the audit database could not be written (after waiting and retrying); nothing was sent that was not recorded first, and the next run finishes what was begun"),
    INTERNAL(70, "a bug in unstuck; the log has the details");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The worst outcome decides: permission, unreachable, failure, not found, then skipped; see docs/cli.md. */
    static ExitCode of(List<Outcome> outcomes, int asked) {
        boolean permission = false;
        boolean unreachable = outcomes.size() < asked;
        boolean failed = false;
        boolean skipped = false;
        boolean notFound = false;
        for (Outcome o : outcomes) {
            if (o instanceof Outcome.Failed f) {
                if (f.cause() instanceof Cause.PermissionMissing) {
                    permission = true;
                } else if (f.cause() instanceof Cause.Unreachable) {
                    unreachable = true;
                } else {
                    failed = true;
                }
            } else if (o instanceof Outcome.Skipped && !OutcomeView.bySomeoneElse(o)) {
                skipped = true;
            } else if (o instanceof Outcome.NotFound) {
                notFound = true;
            }
        }
        if (permission) {
            return PERMISSION;
        }
        if (unreachable) {
            return UNREACHABLE;
        }
        if (failed) {
            return FAILED;
        }
        if (notFound) {
            return NOT_FOUND;
        }
        return skipped ? SKIPPED : OK;
    }
}
