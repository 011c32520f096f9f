package dev.unstuck.core.detect;

import dev.unstuck.core.engine.Outcome;

/** Progress of a sweep, for a progress bar. Called from worker threads, one call at a time. */
public interface SweepListener {

    SweepListener SILENT = new SweepListener() {
    };

    /** This many guests will go to the engine in all: once after the scan, and again with a larger total as draining finds more. */
    default void found(int toEnd) {
    }

    default void handled(Finding finding, Outcome outcome) {
    }
}
