package dev.unstuck.app.cli;

import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.AuditLocation;
import picocli.CommandLine.Option;

/** `--audit-db`: where the audit lives, shared by every command that writes or reads it. */
public final class AuditOptions {
    @Option(names = "--audit-db", paramLabel = "PATH|JDBC-URL",
            description = "Audit database: a SQLite file or a JDBC URL (jdbc:postgresql://...). "
                    + "Default: $UNSTUCK_AUDIT_DB, the config file's audit.db, else ~/.unstuck/audit.db.")
    String auditDb;

    AuditLocation location(AppContext context, java.util.Optional<String> fromConfig) {
        String chosen = auditDb;
        if (chosen == null) {
            chosen = context.env().get("UNSTUCK_AUDIT_DB");
        }
        if (chosen == null || chosen.isBlank()) {
            chosen = fromConfig.orElse(null);
        }
        if (chosen == null || chosen.isBlank()) {
            return AuditLocation.defaultFor(context.home());
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
