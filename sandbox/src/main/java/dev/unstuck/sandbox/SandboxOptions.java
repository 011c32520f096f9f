package dev.unstuck.sandbox;

import java.util.Optional;

/**
 * How to start a sandbox. The scenario is the JSON text of docs/sandbox.md; absent means an empty org
 * with one admin client.
 */
public record SandboxOptions(int port, ClockMode clock, Optional<String> scenario) {
    public SandboxOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (clock == null || scenario == null) {
            throw new IllegalArgumentException("clock and scenario must not be null");
        }
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(8089, ClockMode.REAL, Optional.empty());
    }

    public SandboxOptions withPort(int newPort) {
        return new SandboxOptions(newPort, clock, scenario);
    }

    public SandboxOptions withClock(ClockMode newClock) {
        return new SandboxOptions(port, newClock, scenario);
    }

    public SandboxOptions withScenario(String json) {
        return new SandboxOptions(port, clock, Optional.of(json));
    }
}
