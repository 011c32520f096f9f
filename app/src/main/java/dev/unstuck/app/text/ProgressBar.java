package dev.unstuck.app.text;

import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn in place ({@code \r}), for terminals only: a pipe or a log file gets
 * nothing from it, so output stays clean for scripts.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean enabled;
    private final String label;
    private int total;
    private int done;

    public ProgressBar(PrintWriter out, boolean enabled, String label) {
        this.out = out;
        this.enabled = enabled;
        this.label = label;
    }

    /** Sets the total; called again with a larger one as more are found (a sweep's draining), the steps done stay. */
    public synchronized void start(int total) {
        this.total = total;
        draw();
    }

    public synchronized void step() {
        done++;
        draw();
    }

    /** Clears the line so what follows starts clean. */
    public synchronized void finish() {
        if (enabled && total > 0) {
            out.print("\r" + " ".repeat(WIDTH + label.length() + 24) + "\r");
            out.flush();
        }
    }

    private void draw() {
        if (!enabled || total == 0) {
            return;
        }
        int filled = (int) ((long) WIDTH * done / total);
        out.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total);
        out.flush();
    }
}
