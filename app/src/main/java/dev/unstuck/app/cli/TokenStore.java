package dev.unstuck.app.cli;

import dev.unstuck.app.store.ApiTokens;
import dev.unstuck.app.store.AuditDatabase;
import dev.unstuck.app.store.SharedConnection;
import picocli.CommandLine.Mixin;

import java.util.function.Function;

/** The options every `token` subcommand shares: which audit database holds the tokens (its own or the config file's). */
public final class TokenStore {
    private final AppContext context;

    @Mixin
    OrgOptions orgOptions;

    @Mixin
    AuditOptions auditOptions;

    TokenStore(AppContext context) {
        this.context = context;
    }

    AppContext context() {
        return context;
    }

    /** Opens the tokens of the audit database named by the options (or the config file). */
    <T> T with(Function<ApiTokens, T> work) {
        try (AuditDatabase db = auditOptions.open(context, orgOptions.config().auditDb());
             SharedConnection connection = SharedConnection.open(db.location())) {
            return work.apply(new ApiTokens(connection));
        }
    }
}
