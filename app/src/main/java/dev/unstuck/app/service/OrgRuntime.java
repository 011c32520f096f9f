package dev.unstuck.app.service;

import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.GhostMemory;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Watch;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysOrg;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One org live, as a command or the service holds it: its client (own credentials, region and call
 * budget), its detection policy and the calls made so far; in the service also its engines, its health
 * and, while this replica holds the org's lease, its watch. The config file's {@code OrgProfile} says
 * what the org is; the {@link GenesysOrg} resolved from it is what the client talks to; this is the org
 * at work (README, "Map of the code").
 */
public final class OrgRuntime {
    private final GenesysOrg genesys;
    private final GenesysClient client;
    private final Function<EnginePolicy, Engine> engines;
    private volatile Engine engine;
    private final Policy detection;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Optional<String> credentialProblem = Optional.empty();
    private volatile Optional<String> reachProblem = Optional.empty();
    private volatile Optional<ActsRefused> actsRefused = Optional.empty();
    private volatile Instant lastCredentialCheck = Instant.EPOCH;
    private volatile Watch watch;
    private volatile boolean channelConnected;
    private volatile Instant lastHeard = Instant.EPOCH;
    private volatile Optional<Instant> lastScan = Optional.empty();
    private volatile Instant limitSeen = Instant.EPOCH;
    private volatile GhostMemory ghosts = GhostMemory.none();

    /** {@code engines} makes an engine on the config's policy over a base (defaults for the API, lean for sweeps). */
    OrgRuntime(GenesysOrg genesys, GenesysClient client, Function<EnginePolicy, Engine> engines, Policy detection) {
        this.genesys = genesys;
        this.client = client;
        this.engines = engines;
        this.detection = detection;
        client.onCall(call -> calls.incrementAndGet());
    }

    /**
     * The org for one command, with a client of its own. A command makes its engines itself (each with its
     * audit run), so this runtime has none.
     */
    public static OrgRuntime forCommand(GenesysOrg genesys, Policy detection) {
        GenesysClient client = GenesysClient.create(genesys.region(), genesys.credentials(), genesys.settings());
        return new OrgRuntime(genesys, client, base -> {
            throw new IllegalStateException("a command makes its own engine, with its audit run");
        }, detection);
    }

    public String name() {
        return genesys.name();
    }

    /** Where the org is and who we are there. */
    public GenesysOrg genesys() {
        return genesys;
    }

    public GenesysClient client() {
        return client;
    }

    /** How many HTTP exchanges the client made (every attempt, token requests included): what a job cost. */
    public int calls() {
        return calls.get();
    }

    /** The engine on the defaults of the config's policy, made on first use. */
    Engine engine() {
        Engine made = engine;
        if (made == null) {
            synchronized (this) {
                if (engine == null) {
                    engine = engines.apply(EnginePolicy.defaults());
                }
                made = engine;
            }
        }
        return made;
    }

    /** An engine over another base policy (a sweep's lean one). */
    Engine engine(EnginePolicy base) {
        return engines.apply(base);
    }

    /** The detection policy of the config file for this org. */
    public Policy detection() {
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

    /**
     * An act Genesys refused (403) for want of these permissions; {@code rolesUnreadable} once a check could
     * not read the client's roles to see them given back.
     */
    record ActsRefused(List<String> permissions, boolean rolesUnreadable) {
        ActsRefused {
            permissions = List.copyOf(permissions);
        }

        String problem() {
            return "acts refused (403): the OAuth client's roles lack " + String.join(", ", permissions)
                    + "; give them back in Admin > Roles and Permissions"
                    + (rolesUnreadable ? " (the client may not read its roles, authorization:role:view, so the fix shows at the next"
                    + " ending that succeeds)" : "");
        }
    }

    /** The permissions the last refused act lacked, until a credential check or an ending shows them held again. */
    Optional<ActsRefused> actsRefused() {
        return actsRefused;
    }

    void actsRefused(List<String> permissions) {
        actsRefused = Optional.of(new ActsRefused(permissions, false));
    }

    /** The same refusal, saying that the fix shows only at the next ending that succeeds (the roles cannot be read). */
    void actsRefusedUnseen() {
        actsRefused.ifPresent(a -> actsRefused = Optional.of(new ActsRefused(a.permissions(), true)));
    }

    void actsAllowed() {
        actsRefused = Optional.empty();
    }

    /** What {@code /api/v1/orgs} says of the credentials: the token endpoint's refusal, else a refused act, else {@code ok}. */
    String credentials() {
        return credentialTrouble().orElse("ok");
    }

    /** Whether the credentials work: a token is had and no act was refused for a permission since. */
    boolean credentialsOk() {
        return credentialTrouble().isEmpty();
    }

    /** The token endpoint's refusal, else a refused act. */
    private Optional<String> credentialTrouble() {
        return credentialProblem.or(() -> actsRefused.map(ActsRefused::problem));
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
     * Why this replica cannot work with the org now, or empty when it can: its credentials are refused, an
     * act was refused for a permission, Genesys does not answer, or the watch this replica runs for it has no
     * connected channel. Shared trouble of every replica: it goes to {@code /api/v1/orgs} and
     * {@code unstuck_org_up}, never to readiness.
     */
    Optional<String> trouble() {
        Optional<String> trouble = credentialTrouble().or(() -> reachProblem);
        if (trouble.isPresent()) {
            return trouble;
        }
        if (watch != null && !channelConnected) {
            return Optional.of("the notification channel is not connected");
        }
        return Optional.empty();
    }

    /** The region's name ({@code eu_central_1}) or, for a base URL (the sandbox, a gateway), the URL. */
    String regionName() {
        return genesys.region().name();
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
