package dev.unstuck.sandbox.world;

import dev.unstuck.sandbox.clock.SandboxClock;
import dev.unstuck.sandbox.conversation.ModelListener;
import dev.unstuck.sandbox.scenario.Scenario;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one lock over the sandbox's state and the current {@link World}. Every request does its work
 * inside {@link #locked}, after due timers have fired, so requests see a consistent world in clock order.
 */
public final class State {
    private final SandboxClock clock;
    private final List<ModelListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<World>> afterWork = new CopyOnWriteArrayList<>();
    private World world;

    public State(SandboxClock clock, Scenario initial) {
        this.clock = clock;
        this.world = new World(initial, clock, listeners);
    }

    public SandboxClock clock() {
        return clock;
    }

    /** The sandbox time, read under the lock (a manual clock is not thread-safe). */
    public synchronized java.time.Instant now() {
        return clock.now();
    }

    /**
     * Does the work on the current world. The after-work watchers run even when the work throws (a
     * request refused with an error answer): timers that fired on catching up still get acted on.
     */
    public synchronized <T> T locked(Function<World, T> work) {
        try {
            world.catchUp();
            return work.apply(world);
        } finally {
            afterWork.forEach(w -> w.accept(world));
        }
    }

    /**
     * Told, still under the lock, after every piece of work (a request, a clock advance, a real-clock tick):
     * the place to act on what listeners collected and on time having passed.
     */
    public void afterEveryChange(Consumer<World> watcher) {
        afterWork.add(watcher);
    }

    /** Replaces the world with a fresh one built from the scenario; tokens and timers of the old one die. */
    public synchronized World load(Scenario scenario) {
        world = new World(scenario, clock, listeners);
        return world;
    }

    /** Listeners stay registered across scenario loads. */
    public void addListener(ModelListener listener) {
        listeners.add(listener);
    }
}
