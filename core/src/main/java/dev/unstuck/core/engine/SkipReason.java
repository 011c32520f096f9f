package dev.unstuck.core.engine;

/** Why a conversation is left as it is, each with the sentence a user reads. */
public enum SkipReason {
    ALREADY_ENDED("The conversation has already ended; nothing to do."),
    LIVE_AGENT("An agent is connected to the guest; ending it would cut a live conversation (use --force to end it anyway)."),
    ONLY_WRAPUP_PENDING("Only an agent's wrap-up is pending; the agent finishes it (or a teardown policy applies the system wrap-up)."),
    NO_LONGER_STUCK("It no longer meets the rule it was found by: it changed between detection and the engine's look."),
    IN_HAND_ELSEWHERE("Another unstuck run that is still running is ending it; that run finishes it."),
    ENDING_ELSEWHERE("Someone else is ending it: the leg that held it was disconnected since it was found and no agent took it;"
            + " if they stop halfway, a later run finds it stranded.");

    private final String sentence;

    SkipReason(String sentence) {
        this.sentence = sentence;
    }

    public String sentence() {
        return sentence;
    }
}
