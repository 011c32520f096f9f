package dev.unstuck.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.io.Writer;

/**
 * What a command prints, turned into log lines (one per printed line): with JSON logs, {@code serve}'s
 * own output (its start line, "stopped", an error) then reaches the log pipeline as JSON like every
 * other line, instead of a plain line between them.
 */
final class LoggedLines extends Writer {
    private static final Logger LOG = LoggerFactory.getLogger("unstuck.cli");

    private final Level level;
    private final StringBuilder line = new StringBuilder();

    LoggedLines(Level level) {
        this.level = level;
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c == '\n') {
                emit();
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    private void emit() {
        if (!line.isEmpty()) {
            LOG.atLevel(level).log(line.toString());
        }
        line.setLength(0);
    }

    @Override
    public synchronized void flush() {
        // A line is logged when it ends; a part line waits for its end (print then println).
    }

    @Override
    public synchronized void close() {
        emit();
    }
}
