package dev.unstuck.core.detect;

import dev.unstuck.core.engine.Outcome;

/** Progress of a sweep, for a progress bar. Called from worker threads, one call at a time. */
public interface SweepListener {

    SweepListener SILENT = new SweepListener() {
    };

    /** The scan is done: this many guests will go to the engine. */
    default void found(int toEnd) {
    }

    default void handled(Finding finding, Outcome outcome) {
    }
}
