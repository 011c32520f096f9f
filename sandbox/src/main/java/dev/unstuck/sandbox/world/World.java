package dev.unstuck.sandbox.world;

import dev.unstuck.sandbox.clock.SandboxClock;
import dev.unstuck.sandbox.clock.Timeline;
import dev.unstuck.sandbox.conversation.Conversation;
import dev.unstuck.sandbox.conversation.GuestSpec;
import dev.unstuck.sandbox.conversation.Lifecycle;
import dev.unstuck.sandbox.conversation.ModelEvent;
import dev.unstuck.sandbox.conversation.ModelListener;
import dev.unstuck.sandbox.org.Ids;
import dev.unstuck.sandbox.org.Org;
import dev.unstuck.sandbox.org.RateLimits;
import dev.unstuck.sandbox.org.Settings;
import dev.unstuck.sandbox.org.Tokens;
import dev.unstuck.sandbox.scenario.Scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole state one scenario creates: org, settings, tokens, conversations and their timers. Loading
 * a scenario replaces the world; the clock outlives it. Not thread-safe: callers hold the state lock.
 */
public final class World {
    private Org org;
    private Settings settings;
    private final long seed;
    private final Tokens tokens = new Tokens();
    private final RateLimits rateLimits = new RateLimits();
    private final Timeline timeline;
    private final Lifecycle lifecycle;
    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    private final Map<String, List<Runnable>> afterNextRead = new LinkedHashMap<>();
    private final List<ModelListener> listeners;
    private final JobStore analyticsJobs = new JobStore();

    public World(Scenario scenario, SandboxClock clock, List<ModelListener> listeners) {
        this.org = scenario.org();
        this.settings = scenario.settings();
        this.seed = scenario.seed();
        this.listeners = listeners;
        this.timeline = new Timeline(clock);
        Ids ids = scenario.ids();
        this.lifecycle = new Lifecycle(this::settings, org, timeline, ids, this::publish);
        addGuests(scenario.guests());
    }

    private void publish(ModelEvent event) {
        for (ModelListener l : listeners) {
            l.onEvent(event);
        }
    }

    public Org org() { return org; }
    public Settings settings() { return settings; }
    public long seed() { return seed; }
    public Tokens tokens() { return tokens; }
    public RateLimits rateLimits() { return rateLimits; }
    public Lifecycle lifecycle() { return lifecycle; }
    public Instant now() { return timeline.now(); }
    public JobStore analyticsJobs() { return analyticsJobs; }

    public void changeSettings(Settings changed) {
        settings = changed;
    }

    /** An administrator's edit of clients or roles, in force from now on (the lifecycle keeps its queues and agents). */
    public void changeOrg(Org changed) {
        org = changed;
    }

    /** Runs {@code action} on the sandbox clock at {@code at} (at once when that is not in the future). */
    public void at(Instant at, Runnable action) {
        timeline.schedule(at, action);
        timeline.runDue();
    }

    /** Fires every timer that is due; called before anything reads or changes the world. */
    public void catchUp() {
        timeline.runDue();
    }

    public List<Conversation> addGuests(List<GuestSpec> guests) {
        List<Conversation> added = new ArrayList<>();
        for (GuestSpec g : guests) {
            Conversation c = lifecycle.createGuest(g);
            conversations.put(c.id(), c);
            added.add(c);
        }
        return added;
    }

    public boolean hasLabel(String label) {
        return conversations.values().stream().anyMatch(c -> c.label().equals(label));
    }

    public Optional<Conversation> conversation(String id) {
        return Optional.ofNullable(conversations.get(id));
    }

    public List<Conversation> conversations() {
        return List.copyOf(conversations.values());
    }

    /** Queues something to happen right after the next read of the conversation is answered. */
    public void afterNextRead(String conversationId, Runnable action) {
        afterNextRead.computeIfAbsent(conversationId, k -> new ArrayList<>()).add(action);
    }

    /** Called once a read of the conversation has been rendered: the look/act race happens here. */
    public void conversationRead(String conversationId) {
        List<Runnable> due = afterNextRead.remove(conversationId);
        if (due != null) {
            due.forEach(Runnable::run);
        }
    }
}
