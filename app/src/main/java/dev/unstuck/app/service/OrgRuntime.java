package dev.unstuck.app.service;

import dev.unstuck.app.config.Target;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.GhostMemory;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.genesys.GenesysClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One org as the service holds it: its client (own credentials, region and call budget), its engine,
 * its detection policy, its health and, while this replica holds the org's lease, its watch.
 */
final class OrgRuntime {
    private final Target target;
    private final GenesysClient client;
    private final Engine engine;
    private final Function<EnginePolicy, Engine> engines;
    private final Policy detection;
    private volatile Optional<String> credentialProblem = Optional.empty();
    private volatile Optional<String> reachProblem = Optional.empty();
    private volatile Instant lastCredentialCheck = Instant.EPOCH;
    private volatile Watch watch;
    private volatile boolean channelConnected;
    private volatile Instant lastHeard = Instant.EPOCH;
    private volatile Optional<Instant> lastScan = Optional.empty();
    private volatile Instant limitSeen = Instant.EPOCH;
    private volatile GhostMemory ghosts = GhostMemory.none();

    /** {@code engines} makes an engine on the config's policy over a base (defaults for the API, lean for sweeps). */
    OrgRuntime(Target target, GenesysClient client, Function<EnginePolicy, Engine> engines, Policy detection) {
        this.target = target;
        this.client = client;
        this.engines = engines;
        this.engine = engines.apply(EnginePolicy.defaults());
        this.detection = detection;
    }

    String name() {
        return target.org();
    }

    Target target() {
        return target;
    }

    GenesysClient client() {
        return client;
    }

    Engine engine() {
        return engine;
    }

    /** An engine over another base policy (a sweep's lean one). */
    Engine engine(EnginePolicy base) {
        return engines.apply(base);
    }

    Policy detection() {
        return detection;
    }

    /** Where the org's watch and sweeps keep the analytics ghosts they meet (the audit database). */
    GhostMemory ghosts() {
        return ghosts;
    }

    OrgRuntime remembering(GhostMemory memory) {
        this.ghosts = memory;
        return this;
    }

    /** Why the org's credentials do not work now (401/403 from the token endpoint), or empty when they do. */
    Optional<String> credentialProblem() {
        return credentialProblem;
    }

    void credentialsChecked(Optional<String> problem, Instant at) {
        credentialProblem = problem;
        lastCredentialCheck = at;
    }

    /** Why the last check could not reach Genesys (unreachable, 5xx), or empty when it did. */
    void reached(Optional<String> problem) {
        reachProblem = problem;
    }

    Optional<String> unreachable() {
        return reachProblem;
    }

    /**
     * Why this replica cannot work with the org now, or empty when it can: its credentials are refused,
     * Genesys does not answer, or the watch this replica runs for it has no connected channel. Shared
     * trouble of every replica: it goes to {@code /api/v1/orgs} and {@code unstuck_org_up}, never to readiness.
     */
    Optional<String> trouble() {
        if (credentialProblem.isPresent()) {
            return credentialProblem;
        }
        if (reachProblem.isPresent()) {
            return reachProblem;
        }
        if (watch != null && !channelConnected) {
            return Optional.of("the notification channel is not connected");
        }
        return Optional.empty();
    }

    /** The region's name ({@code eu_central_1}) or, for a base URL (the sandbox, a gateway), the URL. */
    String regionName() {
        return target.region().name();
    }

    Instant lastCredentialCheck() {
        return lastCredentialCheck;
    }

    Optional<Watch> watch() {
        return Optional.ofNullable(watch);
    }

    void watching(Watch value) {
        watch = value;
        channelConnected = false;
    }

    boolean channelConnected() {
        return channelConnected;
    }

    void channel(boolean connected, Instant at) {
        channelConnected = connected;
        lastHeard = at;
    }

    void heard(Instant at) {
        lastHeard = at;
    }

    Instant lastHeard() {
        return lastHeard;
    }

    /** The watch finished a reconciling scan (analytics) at {@code at}. */
    void scanned(Instant at) {
        lastHeard = at;
        lastScan = Optional.of(at);
    }

    /** The watch left a due guest waiting because it ended the policy's {@code limit} in the last hour. */
    void limitReached(Instant at) {
        limitSeen = at;
    }

    /**
     * Whether guests wait on the hourly limit now: the watch says so every quiet second while it does, so
     * a few seconds of silence mean the limit no longer holds anyone back.
     */
    boolean atLimit(Instant now) {
        return !limitSeen.isBefore(now.minusSeconds(5));
    }

    /** When this replica's watch last finished a scan; empty before the first. */
    Optional<Instant> lastScan() {
        return lastScan;
    }

    /** The watch's picture, judged now; empty when this replica does not watch the org. */
    List<Finding> picture() {
        Watch w = watch;
        return w == null ? List.of() : w.picture();
    }
}
