package dev.unstuck.app.demo;

import dev.unstuck.core.engine.AuditSink;
import dev.unstuck.core.engine.EndRequest;
import dev.unstuck.core.engine.Engine;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.sandbox.ClockMode;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo on its own scenario: every stuck guest ended, nothing else touched, no queue entry left. */
class DemoRunTest {
    /** Kinds the demo scenario uses for guests that are stuck once they are older than the demo's threshold. */
    static final Set<String> STUCK_KINDS = Set.of("waiting", "looping", "orphaned", "acw");

    Sandbox sandbox;
    SandboxControl control;

    @BeforeEach
    void start() throws Exception {
        String scenario;
        try (InputStream in = DemoRunTest.class.getResourceAsStream("/scenarios/demo.json")) {
            scenario = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(ClockMode.MANUAL).withScenario(scenario));
        control = new SandboxControl(sandbox.baseUri());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void endsEveryStuckGuestOfTheDemoScenarioAndNoneOfTheOthers() throws Exception {
        Map<String, SandboxControl.GuestInfo> before = control.conversations().stream()
                .collect(Collectors.toMap(SandboxControl.GuestInfo::id, Function.identity()));
        GenesysClient client = GenesysClient.create(Region.parse(sandbox.baseUri().toString()),
                new Credentials("unstuck-demo", "demo-secret"), ClientSettings.defaults().withRequestsPerMinute(6000));
        Engine engine = new Engine(client, AuditSink.NONE, EnginePolicy.defaults());
        List<Outcome> seen = new ArrayList<>();

        DemoRun.Result result = new DemoRun(control, engine).run(control.now(), new EndRequest(false, false, "test", "test"), (candidate, outcome) -> seen.add(outcome));

        Set<String> handedOver = result.candidates().stream().map(DemoRun.Candidate::id).collect(Collectors.toSet());
        for (SandboxControl.GuestInfo after : control.conversations()) {
            SandboxControl.GuestInfo was = before.get(after.id());
            boolean oldEnough = handedOver.contains(after.id());
            boolean stuck = !was.ended() && oldEnough && STUCK_KINDS.contains(was.kind());
            if (stuck) {
                assertThat(after.ended()).as("stuck guest %s (%s) ended", was.label(), was.kind()).isTrue();
            } else if (!was.ended()) {
                assertThat(after.ended()).as("guest %s (%s) left alone", was.label(), was.kind()).isFalse();
            }
        }
        assertThat(result.candidates()).as("the demo has stuck guests of every kind")
                .extracting(c -> before.get(c.id()).kind()).containsAll(STUCK_KINDS).contains("live-agent");
        assertThat(control.queueStats()).allSatisfy(q -> assertThat(q.lingering()).isZero());
        assertThat(seen).hasSameSizeAs(result.candidates());
    }
}
