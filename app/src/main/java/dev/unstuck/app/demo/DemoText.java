package dev.unstuck.app.demo;

import dev.unstuck.core.detect.SweepReport;
import dev.unstuck.core.detect.WatchListener;
import dev.unstuck.core.engine.Outcome;

import java.io.PrintWriter;

/**
 * How the CLI renders what the tour shows, handed in by the demo command so that the tour's tables and
 * the watch's lines read exactly as {@code unstuck sweep} and {@code unstuck watch} print them (and
 * the demo does not reach back into the CLI's package).
 */
public interface DemoText {
    String sweepTable(SweepReport report);

    /** What the sweep left alone, counted by reason. */
    String leftAlone(SweepReport report);

    /** One outcome as a line. */
    String outcome(Outcome outcome);

    /** The watch's lines, prefixed with {@code org}. */
    WatchListener watchLines(PrintWriter out, String org);
}
