package dev.unstuck.bench;

import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.QueuePolicy;
import dev.unstuck.core.detect.Sweep;
import dev.unstuck.core.detect.SweepListener;
import dev.unstuck.core.detect.SweepRequest;
import dev.unstuck.core.engine.AuditSink;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.core.genesys.UnknownRegionException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** unstuck's contestant: one sweep at the budget, as `unstuck sweep` runs it (lean engine, bulk verification). */
final class UnstuckSweep {
    private final GenesysClient client;
    private final Sweep sweep;

    /** Builds the client, engine and sweep; no call is made yet. */
    UnstuckSweep(URI base, int budgetPerMinute) throws UnknownRegionException {
        client = GenesysClient.create(Region.parse(base.toString()), new Credentials(BenchScenario.CLIENT_ID, BenchScenario.SECRET),
                ClientSettings.defaults().withRequestsPerMinute(budgetPerMinute));
        sweep = new Sweep(client, new Engine(client, AuditSink.NONE, EnginePolicy.lean()), Clock.systemUTC());
    }

    /** One pass; answers how many conversations it ended. */
    int run() {
        Policy policy = Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofSeconds(BenchScenario.MAX_WAIT_SECONDS)))
                .withLimit(1_000_000);
        return (int) sweep.run(policy, new SweepRequest(false, List.of(), "bench", "bench"), SweepListener.SILENT).ended();
    }
}
