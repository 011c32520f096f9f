package dev.unstuck.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.core.genesys.StubGenesys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A step's status is the one Genesys answered, never an assumed 202. The sandbox answers as the
 * platform documents (202), so the other answers come from a scripted server.
 */
class EngineStepStatusTest {

    private static final String LEG = "/api/v2/conversations/messages/c1/participants/p1";
    @RegisterExtension
    final StubGenesys stub = new StubGenesys();

    @BeforeEach
    void script() {
        stub.answer("GET /api/v2/conversations/messages/c1", 200, """
                {"id":"c1","participants":[
                  {"id":"p1","purpose":"customer","state":"connected","startTime":"2026-11-24T18:00:00Z"}]}""");
    }


    private Outcome end(List<AuditEvent> audit) throws Exception {
        GenesysClient client = GenesysClient.create(Region.parse(stub.baseUrl()), new Credentials("id", "secret"),
                ClientSettings.defaults().withRequestsPerMinute(60_000), duration -> { }, Clock.systemUTC());
        return new Engine(client, audit::add, EnginePolicy.lean()).end("c1", new EndRequest(false, false, "test", "me"));
    }

    @Test
    void aLegDisconnectAnswered200IsRecordedAs200WithItsCorrelationId() throws Exception {
        stub.answer("PATCH " + LEG, 200, "");
        List<AuditEvent> audit = new ArrayList<>();

        Outcome outcome = end(audit);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Ended.class, ended -> assertThat(ended.steps()).singleElement()
                .satisfies(step -> {
                    assertThat(step.status()).isEqualTo(200);
                    assertThat(step.correlationId()).startsWith("corr-");
                }));
        assertThat(audit).filteredOn(e -> e.kind().equals(AuditEvent.Kind.STEP)).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(OptionalInt.of(200)));
    }

    @Test
    void aLegDisconnectRefusedWith403IsRecordedAs403AndTheEndingFails() throws Exception {
        stub.answer("PATCH " + LEG, 403, """
                {"message":"missing permission","code":"missing.permissions","status":403,
                 "messageParams":{"permissions":"conversation:communication:disconnect"}}""");
        List<AuditEvent> audit = new ArrayList<>();

        Outcome outcome = end(audit);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> assertThat(failed.steps()).singleElement()
                .satisfies(step -> assertThat(step.status()).isEqualTo(403)));
        assertThat(audit).filteredOn(e -> e.kind().equals(AuditEvent.Kind.STEP)).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(OptionalInt.of(403)));
    }
}
