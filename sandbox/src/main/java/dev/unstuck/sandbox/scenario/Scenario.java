package dev.unstuck.sandbox.scenario;

import dev.unstuck.sandbox.conversation.GuestSpec;
import dev.unstuck.sandbox.org.Ids;
import dev.unstuck.sandbox.org.Org;
import dev.unstuck.sandbox.org.Settings;

import java.util.List;

/** A validated scenario: the org, its settings, the guests, and the id source to go on with. */
public record Scenario(Org org, Settings settings, List<GuestSpec> guests, Ids ids, long seed) {
    public Scenario {
        guests = List.copyOf(guests);
    }
}
