package dev.unstuck.app.cli;

import dev.unstuck.app.service.TokenNames;
import dev.unstuck.app.store.ApiTokens;
import dev.unstuck.app.text.Table;
import dev.unstuck.app.view.Rows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `unstuck token create|list|revoke`: the service's API tokens, kept (as hashes) in the audit database. */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        header = "Manage the service's API tokens (create, list, revoke).",
        description = {"API tokens let systems call 'unstuck serve'. A token is printed once, when created;",
                "only its hash is kept, in the audit database the service uses."},
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every token command has: its own spec (output and error) and the audit database the tokens are kept in. */
    abstract static class TokenAction implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        TokenStore store;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, header = "Create a token; it is printed once, alone on the last line.")
    static final class Create extends TokenAction {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who uses it, as the audit will name the caller (e.g. billing-backend).")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer (reads), operator (end, sweep) or admin (force, tokens).")
        String role;

        @Override
        public Integer call() {
            if (!TokenNames.valid(name)) {
                throw new UserError(ExitCode.USAGE, "--name: " + TokenNames.RULE);
            }
            String chosen = role.trim().toLowerCase(Locale.ROOT);
            if (!List.of("viewer", "operator", "admin").contains(chosen)) {
                throw new UserError(ExitCode.USAGE, "--role must be viewer, operator or admin");
            }
            AppContext context = store.context();
            String token = store.with(tokens -> {
                try {
                    return tokens.create(name, chosen, context.operator(), context.clock().instant());
                } catch (ApiTokens.NameTaken e) {
                    throw new UserError(ExitCode.USAGE, e.getMessage());
                }
            });
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            err.println("Created token '" + name + "' (" + chosen + "). It is shown once, below; store it as a secret."
                    + " Callers send it as 'Authorization: Bearer <token>'.");
            err.flush();
            out.println(token);
            out.flush();
            return ExitCode.OK.code();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "List tokens: names, roles, who created them and when (never secrets).")
    static final class ListTokens extends TokenAction {
        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            List<ApiTokens.Listed> tokens = store.with(ApiTokens::list);
            PrintWriter out = spec.commandLine().getOut();
            List<java.util.Map<String, Object>> documents = tokens.stream().map(t -> {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("name", t.name());
                m.put("role", t.role());
                m.put("createdAt", t.createdAt().toString());
                m.put("createdBy", t.createdBy());
                return m;
            }).toList();
            Rows rows = new Rows("name", "role", "createdAt", "createdBy");
            tokens.forEach(t -> rows.row(t.name(), t.role(), t.createdAt().toString(), t.createdBy()));
            if (output.printed(out, documents, () -> rows)) {
                return ExitCode.OK.code();
            }
            if (tokens.isEmpty()) {
                out.println("No tokens. Create one: unstuck token create --name NAME --role operator");
            } else {
                Table table = new Table("NAME", "ROLE", "CREATED", "BY");
                tokens.forEach(t -> table.row(t.name(), t.role(), t.createdAt().toString(), t.createdBy()));
                out.print(table.render(output.width()));
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, header = "Revoke a token: calls with it are refused from now on.")
    static final class Revoke extends TokenAction {
        @Parameters(paramLabel = "NAME", description = "The token's name.")
        String name;

        @Override
        public Integer call() {
            boolean revoked = store.with(tokens -> tokens.revoke(name));
            if (!revoked) {
                throw new UserError(ExitCode.USAGE, (TokenNames.valid(name) ? "no token named '" + name + "'" : "no such token") + "; 'unstuck token list' shows them");
            }
            spec.commandLine().getOut().println("Revoked token '" + name + "'.");
            spec.commandLine().getOut().flush();
            return ExitCode.OK.code();
        }
    }
}
