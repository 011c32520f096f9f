package dev.unstuck.sandbox.conversation;

/** Told of every model event, under the sandbox's state lock: do little, and never call back into the model. */
@FunctionalInterface
public interface ModelListener {
    void onEvent(ModelEvent event);
}
