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
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** unstuck's contestant: one sweep at the budget, as `unstuck sweep` runs it (lean engine, bulk verification). */
final class UnstuckSweep {
    private UnstuckSweep() {}

    static int run(URI base, int budgetPerMinute) throws Exception {
        GenesysClient client = GenesysClient.create(Region.parse(base.toString()), new Credentials(BenchScenario.CLIENT_ID, BenchScenario.SECRET),
                ClientSettings.defaults().withRequestsPerMinute(budgetPerMinute));
        Engine engine = new Engine(client, AuditSink.NONE, EnginePolicy.lean());
        Policy policy = Policy.of(QueuePolicy.defaults().withMaxWait(Duration.ofSeconds(BenchScenario.MAX_WAIT_SECONDS)))
                .withLimit(1_000_000);
        return (int) new Sweep(client, engine, Clock.systemUTC())
                .run(policy, new SweepRequest(false, List.of(), "bench", "bench"), SweepListener.SILENT).ended();
    }
}
