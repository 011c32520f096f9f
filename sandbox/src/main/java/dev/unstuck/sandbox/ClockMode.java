package dev.unstuck.sandbox;

/** How the sandbox's time moves: with the wall clock, or only when told to. */
public enum ClockMode {
    /** Follows wall time; timers fire as requests arrive and once a second. */
    REAL,
    /** Moves only on {@code POST /sandbox/v1/clock/advance}; timers fire as it passes them. */
    MANUAL
}
