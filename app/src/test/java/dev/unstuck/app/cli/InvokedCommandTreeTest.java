package dev.unstuck.app.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command line that names a command gets a tree with only that command (start-up reads no other
 * command's annotations), and what that command says and does is the same as in the whole tree.
 */
class InvokedCommandTreeTest {
    private final AppContext context = AppContext.system();

    @Test
    void aNamedCommandGetsItsOwnSubtreeWithTheSameHelp() {
        CommandLine whole = Cli.create(context);
        CommandLine forInspect = Cli.create(context, new String[] {"-v", "inspect", "--help"});

        assertThat(forInspect.getSubcommands()).containsOnlyKeys("inspect");
        assertThat(forInspect.getSubcommands().get("inspect").getUsageMessage(CommandLine.Help.Ansi.OFF))
                .isEqualTo(whole.getSubcommands().get("inspect").getUsageMessage(CommandLine.Help.Ansi.OFF));
        assertThat(Cli.create(context, new String[] {"token", "list"}).getSubcommands().get("token").getSubcommands())
                .containsOnlyKeys(whole.getSubcommands().get("token").getSubcommands().keySet().toArray(String[]::new));
    }

    @Test
    void topLevelHelpAMistypedCommandAndCompletionGetEveryCommand() {
        int every = Cli.create(context).getSubcommands().size();

        assertThat(Cli.create(context, new String[] {"--help"}).getSubcommands()).hasSize(every);
        assertThat(Cli.create(context, new String[] {"inspekt", "abc"}).getSubcommands()).hasSize(every);
        assertThat(Cli.create(context, new String[] {"completion", "bash"}).getSubcommands()).hasSize(every);
        assertThat(Cli.create(context, new String[] {}).getSubcommands()).hasSize(every);
    }
}
