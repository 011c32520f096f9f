package dev.unstuck.app.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * `unstuck completion bash|zsh|fish`: a completion script for the shell, generated from the command
 * tree so it never falls behind the options. bash is picocli's generator; zsh loads the same script
 * through bashcompinit; fish gets subcommands and their options from the same tree.
 */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        header = "Print a shell completion script (bash, zsh or fish).",
        description = {"Load it in the current shell, or keep it where the shell looks:",
                "  bash: source <(unstuck completion bash)     (or save it in /etc/bash_completion.d/unstuck)",
                "  zsh:  source <(unstuck completion zsh)      (it enables bashcompinit)",
                "  fish: unstuck completion fish > ~/.config/fish/completions/unstuck.fish"})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh, fish }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        PrintWriter out = spec.commandLine().getOut();
        switch (shell) {
            case bash -> out.print(AutoComplete.bash("unstuck", root));
            case zsh -> out.print("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                    + AutoComplete.bash("unstuck", root));
            case fish -> out.print(fish(root.getCommandSpec()));
        }
        out.flush();
        return ExitCode.OK.code();
    }

    static String fish(CommandSpec root) {
        StringBuilder out = new StringBuilder("# unstuck completions for fish: unstuck completion fish > ~/.config/fish/completions/unstuck.fish\n");
        out.append("complete -c unstuck -f\n");
        root.subcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().usageMessage().hidden()) {
                return;
            }
            out.append("complete -c unstuck -n '__fish_use_subcommand' -a ").append(name)
                    .append(" -d ").append(quoted(firstLine(sub.getCommandSpec().usageMessage().header()))).append('\n');
            for (OptionSpec option : sub.getCommandSpec().options()) {
                if (option.hidden()) {
                    continue;
                }
                out.append("complete -c unstuck -n '__fish_seen_subcommand_from ").append(name).append("'");
                for (String n : option.names()) {
                    out.append(n.startsWith("--") ? " -l " + n.substring(2) : " -s " + n.substring(1));
                }
                Iterable<String> candidates = option.completionCandidates();
                boolean listed = candidates != null && candidates.iterator().hasNext();
                if (option.arity().max() > 0) {
                    out.append(" -r");
                    if (!listed && option.paramLabel().contains("FILE")) {
                        out.append(" -F");
                    }
                }
                if (listed) {
                    out.append(" -a ").append(quoted(String.join(" ", candidates)));
                }
                out.append(" -d ").append(quoted(firstLine(option.description()))).append('\n');
            }
        });
        return out.toString();
    }

    private static String firstLine(String[] lines) {
        return lines == null || lines.length == 0 ? "" : lines[0];
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
