package dev.unstuck.app.cli;

import dev.unstuck.app.config.BaseDirectories;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditLocation;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `--audit-db`: where the audit lives, shared by every command that writes or reads it. */
public final class AuditOptions {
    @Option(names = "--audit-db", paramLabel = "PATH|JDBC-URL",
            description = "Audit database: a SQLite file or a JDBC URL (jdbc:postgresql://...). "
                    + "Default: $UNSTUCK_AUDIT_DB, the config file's audit.db, else $XDG_DATA_HOME/unstuck/audit.db "
                    + "(~/.local/share/unstuck/audit.db).")
    String auditDb;

    /** The command, for the one-line hint when the audit is found at the old place (~/.unstuck/audit.db). */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    AuditLocation location(AppContext context, java.util.Optional<String> fromConfig) {
        String chosen = auditDb;
        if (chosen == null) {
            chosen = context.env().get("UNSTUCK_AUDIT_DB");
        }
        if (chosen == null || chosen.isBlank()) {
            chosen = fromConfig.orElse(null);
        }
        if (chosen == null || chosen.isBlank()) {
            BaseDirectories.Chosen place = new BaseDirectories(context.home(), context.env()).audit();
            if (place.hint().isPresent() && mixee != null) {
                mixee.commandLine().getErr().println(place.hint().get());
                mixee.commandLine().getErr().flush();
            }
            return AuditLocation.parse(place.path().toString());
        }
        try {
            return AuditLocation.parse(chosen);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.CONFIG, "--audit-db: " + e.getMessage());
        }
    }

    AuditDatabase open(AppContext context) {
        return open(context, java.util.Optional.empty());
    }

    AuditDatabase open(AppContext context, java.util.Optional<String> fromConfig) {
        try {
            return AuditDatabase.open(location(context, fromConfig));
        } catch (AuditDatabase.AuditUnavailable e) {
            throw new UserError(ExitCode.CONFIG, e.getMessage());
        }
    }
}
