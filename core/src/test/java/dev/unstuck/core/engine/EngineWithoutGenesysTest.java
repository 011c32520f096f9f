package dev.unstuck.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.Region;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineWithoutGenesysTest {

    @Test
    void anUnreachableRegionIsAFailureThatSaysWhereNotACrash() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GenesysClient client = GenesysClient.create(Region.parse("http://127.0.0.1:" + port), new Credentials("id", "secret"),
                ClientSettings.defaults().withMaxAttempts(2), duration -> { }, Clock.systemUTC());
        List<AuditEvent> audit = new ArrayList<>();

        Outcome outcome = new Engine(client, audit::add, EnginePolicy.defaults())
                .end("c-1", new EndRequest(false, false, "test", "me"));

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        Cause cause = ((Outcome.Failed) outcome).cause();
        assertThat(cause).isInstanceOf(Cause.Unreachable.class);
        assertThat(cause.sentence()).startsWith("cannot reach http://127.0.0.1:" + port + ": connection refused");
        assertThat(audit).extracting(e -> e.kind().word()).containsExactly("outcome");
    }
}
