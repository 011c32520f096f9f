package dev.unstuck.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `unstuck gen-manpage --outdir DIR`: a man page per command, in AsciiDoc, written by picocli's
 * ManPageGenerator from the command tree, so the pages never fall behind the options. Asciidoctor
 * turns them into troff ({@code asciidoctor -b manpage}). Hidden: a packaging step, not a daily command.
 */
@Command(name = "gen-manpage",
        hidden = true,
        mixinStandardHelpOptions = true,
        header = "Write a man page (AsciiDoc) for unstuck and each of its commands.",
        description = {"One file per command (unstuck.adoc, unstuck-sweep.adoc, ...), generated from the command tree.",
                "Make troff pages of them with Asciidoctor: asciidoctor -b manpage -D man/ DIR/*.adoc"})
final class ManPageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--outdir"}, paramLabel = "DIR", defaultValue = ".", description = "Where to write them. Default: the current folder.")
    Path outdir;

    @Override
    public Integer call() {
        try {
            Files.createDirectories(outdir);
            List<CommandSpec> pages = new ArrayList<>();
            collect(spec.root(), pages);
            ManPageGenerator.generateManPage(outdir.toFile(), null, new boolean[0], false, pages.toArray(CommandSpec[]::new));
        } catch (IOException e) {
            throw new UserError(ExitCode.USAGE, "--outdir " + outdir + ": cannot write there (" + e.getMessage() + ")");
        }
        spec.commandLine().getOut().println("Man pages (AsciiDoc) written to " + outdir + "; troff: asciidoctor -b manpage -D man/ "
                + outdir + "/*.adoc");
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }

    /** The visible commands, this tree's root first. */
    private static void collect(CommandSpec command, List<CommandSpec> into) {
        if (command.usageMessage().hidden()) {
            return;
        }
        into.add(command);
        command.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), into));
    }
}
