package dev.unstuck.core.engine;

/** Where the engine records every plan, step and outcome (the app stores them in its database). */
@FunctionalInterface
public interface AuditSink {

    /** Records nothing. */
    AuditSink NONE = event -> { };

    void record(AuditEvent event);
}
