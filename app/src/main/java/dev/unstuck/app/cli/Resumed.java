package dev.unstuck.app.cli;

import dev.unstuck.core.engine.Outcome;

import java.io.PrintWriter;
import java.util.List;

/** Says on standard error what a run finished for runs that had stopped, so standard output stays the command's own. */
final class Resumed {
    private Resumed() {}

    static void report(PrintWriter err, List<Outcome> outcomes) {
        report(err, "", outcomes);
    }

    static void report(PrintWriter err, String prefix, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        synchronized (err) {
            err.println(prefix + "finished first " + outcomes.size() + " ending" + (outcomes.size() == 1 ? "" : "s")
                    + " that a stopped run had begun (see the audit's resume entries):");
            for (Outcome outcome : outcomes) {
                err.println(prefix + "  " + outcome.conversationId() + ": " + outcome.summary());
            }
            err.flush();
        }
    }
}
