package dev.unstuck.app.demo;

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
import dev.unstuck.sandbox.client.SandboxClient;
import dev.unstuck.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's sweep on its own scenario: every stuck guest ended, nothing else touched, no queue entry left. */
class DemoRunTest {
    @RegisterExtension
    static final SandboxExtension org = new SandboxExtension(DemoScenario.json());

    private final SandboxClient control = org.control();

    @Test
    void endsTheWaitingLoopingAndOrphanedGuestsOfTheDemoAndNoneOfTheOthers() throws Exception {
        Map<String, SandboxClient.Guest> before = control.conversations().stream()
                .collect(Collectors.toMap(SandboxClient.Guest::id, Function.identity()));
        GenesysClient client = GenesysClient.create(Region.parse(org.baseUri().toString()),
                new Credentials("unstuck-demo", "demo-secret"), ClientSettings.defaults().withRequestsPerMinute(6000));
        Engine engine = new Engine(client, AuditSink.NONE, EnginePolicy.lean());
        Sweep sweep = new Sweep(client, engine, Clock.fixed(control.now(), ZoneOffset.UTC));

        DemoRun.Result result = new DemoRun(control, sweep).run(new SweepRequest(false, List.of(), "test", "test"), SweepListener.SILENT);

        List<String> endedLabels = control.conversations().stream().filter(g -> g.ended() && !before.get(g.id()).ended())
                .map(SandboxClient.Guest::label).sorted().toList();
        assertThat(endedLabels).containsExactly("loop-1", "loop-2", "orphan-1", "orphan-2",
                "waiting-long-1", "waiting-long-2", "waiting-long-3", "waiting-long-4");
        assertThat(result.report().confirmed()).isEqualTo(8);
        assertThat(result.labels()).containsValue("live-1");
        assertThat(control.queueStats()).allSatisfy(q -> assertThat(q.lingering()).isZero());
    }

    @Test
    void theDemosWatchHasGuestsToEndWithinItsFirstMinute() throws Exception {
        GenesysClient client = GenesysClient.create(Region.parse(org.baseUri().toString()),
                new Credentials("unstuck-demo", "demo-secret"), ClientSettings.defaults().withRequestsPerMinute(6000));
        Engine engine = new Engine(client, AuditSink.NONE, EnginePolicy.lean());
        new DemoRun(control, new Sweep(client, engine, Clock.fixed(control.now(), ZoneOffset.UTC)))
                .run(new SweepRequest(false, List.of(), "test", "test"), SweepListener.SILENT);

        control.advance(java.time.Duration.ofMinutes(1));
        dev.unstuck.core.detect.SweepReport later = new Sweep(client, engine, Clock.fixed(control.now(), ZoneOffset.UTC))
                .run(DemoRun.POLICY, new SweepRequest(false, List.of(), "test", "test"), SweepListener.SILENT);

        List<String> ended = control.conversations().stream().filter(SandboxClient.Guest::ended)
                .map(SandboxClient.Guest::label).filter(l -> l.startsWith("about-to-cross")).toList();
        assertThat(ended).as("a newcomer sees the watch end something within a minute").hasSize(3);
        assertThat(later.ended()).isEqualTo(3);
    }
}
