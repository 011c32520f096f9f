package dev.unstuck.app.cli;

import dev.unstuck.app.view.JsonOutput;
import dev.unstuck.app.view.Rows;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * {@code -o table|wide|json|yaml|csv} and {@code --json} (the same as {@code -o json}): how a command
 * prints its results, and how wide its tables may be.
 */
public final class OutputOptions {
    private final AppContext context;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "table (default: fitted to the terminal), wide (a table with nothing cut), json, yaml or csv.")
    OutputFormat format;

    @Option(names = "--json", description = "Same as -o json.")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    OutputOptions(AppContext context) {
        this.context = context;
    }

    OutputFormat format() {
        if (json) {
            if (format != null && format != OutputFormat.json) {
                throw new UserError(ExitCode.USAGE, "--json is -o json; it cannot go with -o " + format);
            }
            return OutputFormat.json;
        }
        return format == null ? OutputFormat.table : format;
    }

    /** JSON, YAML or CSV: output for programs, so no progress bar or other chatter. */
    boolean structured() {
        return !format().isTable();
    }

    /**
     * How wide a table may be: unlimited with {@code -o wide}; else {@code COLUMNS} when set; else the
     * terminal's width as picocli detects it when a person is looking; unlimited into a pipe or file.
     */
    int width() {
        if (format() == OutputFormat.wide) {
            return Integer.MAX_VALUE;
        }
        String columns = context.env().get("COLUMNS");
        if (columns != null) {
            try {
                int n = Integer.parseInt(columns.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // not a number: as if unset
            }
        }
        return context.interactive() ? new UsageMessageSpec().autoWidth(true).width() : Integer.MAX_VALUE;
    }

    /**
     * Prints {@code document} as JSON or YAML, or {@code rows} as CSV, and says true; says false for a
     * table, which the command prints itself (it knows its layout).
     */
    boolean printed(PrintWriter out, Object document, Supplier<Rows> rows) {
        switch (format()) {
            case json -> out.println(JsonOutput.pretty(document));
            case yaml -> out.print(JsonOutput.yaml(document));
            case csv -> out.print(JsonOutput.csv(rows.get()));
            default -> {
                return false;
            }
        }
        out.flush();
        return true;
    }
}
