package dev.unstuck.core.engine;

import java.util.List;
import java.util.Objects;

/**
 * An ending a run began and did not finish (it was killed, crashed or lost its database): the next
 * run looks again, plans and acts.
 *
 * @param runId the run that stopped
 * @param reason why that run was ending it (kept in the resumed ending's audit)
 * @param openActs acts whose intent was written but whose answer never was: they may have reached Genesys
 * @param detection what detection had found, when a rule asked for the ending (kept with the resumed ending too)
 */
public record Unfinished(String conversationId, String runId, String reason, List<OpenAct> openActs, Detection detection) {

    public Unfinished {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(reason, "reason");
        openActs = List.copyOf(openActs);
        Objects.requireNonNull(detection, "detection");
    }

    /** An ending no detection rule asked for. */
    public Unfinished(String conversationId, String runId, String reason, List<OpenAct> openActs) {
        this(conversationId, runId, reason, openActs, Detection.NONE);
    }

    /** An act with an intent and no completion: {@code call} is the HTTP call it was about to make. */
    public record OpenAct(String actId, String call) {

        public OpenAct {
            Objects.requireNonNull(actId, "actId");
            Objects.requireNonNull(call, "call");
        }
    }
}
