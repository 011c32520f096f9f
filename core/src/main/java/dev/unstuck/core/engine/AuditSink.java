package dev.unstuck.core.engine;

import java.util.List;

/**
 * The engine's journal: where it records every plan, act and outcome as they happen (the app keeps
 * them in its database). The engine writes an act's {@link AuditEvent.Kind#INTENT} before the HTTP call and
 * its completion after, so after a crash the journal shows every act that may have reached Genesys.
 *
 * <p>A journal that can also {@link #claim} conversations and list what stopped runs left
 * {@link #unfinished} lets the engine end each conversation once across processes, and finish after a
 * crash what was begun. The defaults suit a journal that only records (tests, {@link #NONE}).
 *
 * <p>A failing write throws: the engine then sends nothing more for that conversation, since an act
 * that cannot be recorded first is not made.
 */
@FunctionalInterface
public interface AuditSink {

    /** Records nothing, claims everything. */
    AuditSink NONE = event -> { };

    void record(AuditEvent event);

    /**
     * Claims the conversation for this run before anything is changed; the claim is released when the
     * conversation's outcome is recorded. Dry runs do not claim.
     */
    default Claim claim(String conversationId) {
        return Claim.GRANTED;
    }

    /** Conversations of this journal's org whose ending a run began and that run can no longer finish (it stopped). */
    default List<Unfinished> unfinished() {
        return List.of();
    }
}
