package dev.unstuck.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The config file's service: section sets how serve listens and watches; a flag given wins over it. */
class ServeConfigFileTest {
    @RegisterExtension
    static final SandboxOrg org = new SandboxOrg(SweepCommandTest.SCENARIO);

    @TempDir
    Path home;

    @Test
    void servesOnTheHostAndPortsTheConfigFileNames() throws Exception {
        int api = freePort();
        int management = freePort();
        Path config = config("""
                service:
                  host: 127.0.0.1
                  port: %d
                  managementPort: %d
                  watch: false
                  scanEvery: 90s
                """.formatted(api, management));
        try (Running serve = serve("--config", config.toString())) {
            assertThat(serve.command.service.port()).isEqualTo(api);
            assertThat(serve.command.service.managementPort()).contains(management);
            assertThat(serve.command.service.watchedOrgs()).as("watch: false in the file").isEmpty();
            assertThat(status(management, "/healthz")).isEqualTo(200);
            assertThat(status(api, "/api/v1/orgs")).as("the API asks for a token on the file's port").isEqualTo(401);
        }
    }

    @Test
    void aFlagGivenWinsOverTheFile() throws Exception {
        int fromFile = freePort();
        int fromFlag = freePort();
        Path config = config("""
                service:
                  host: 127.0.0.1
                  port: %d
                  watch: false
                """.formatted(fromFile));
        try (Running serve = serve("--config", config.toString(), "--port", String.valueOf(fromFlag))) {
            assertThat(serve.command.service.port()).isEqualTo(fromFlag);
            assertThat(status(fromFlag, "/healthz")).isEqualTo(200);
        }
    }

    @Test
    void aBadServiceValueIsNamedWithItsPlaceAndNothingIsServed() throws Exception {
        Path config = config("""
                service:
                  port: 80800
                """);
        CliRun.Result result = new CliRun(home).env("ACME_SECRET", "operator-secret-1").run("serve", "--config", config.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFIG.code());
        assertThat(result.err()).contains("config.yaml:9: service.port: '80800' is not a whole number from 1 to 65535");
    }

    @Test
    void eachCallerGets429AtTheFilesPerCallerLimitAndOtherCallersAreServed() throws Exception {
        Path config = config("""
                service:
                  host: 127.0.0.1
                  watch: false
                  callerRequestsPerMinute: 3
                """);
        String dashboard = token(config, "dashboard");
        String backend = token(config, "backend");
        try (Running serve = serve("--config", config.toString(), "--port", "0")) {
            int port = serve.command.service.port();
            String inspect = "/api/v1/orgs/acme/conversations/" + org.id("waiting-long");
            List<Integer> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(status(port, inspect, dashboard));
            }

            assertThat(answers).containsExactly(200, 200, 200, 429);
            assertThat(status(port, inspect, backend)).as("another caller's own share").isEqualTo(200);
        }
    }

    /** A viewer's API token, made with {@code unstuck token create} in the audit database serve will use. */
    private String token(Path config, String name) {
        CliRun.Result made = new CliRun(home).env("ACME_SECRET", "operator-secret-1")
                .run("token", "create", "--config", config.toString(), "--name", name, "--role", "viewer");
        assertThat(made.exitCode()).as(made.err()).isZero();
        String[] lines = made.out().strip().split("\n");
        return lines[lines.length - 1];
    }

    private static int status(int port, String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Path config(String service) throws Exception {
        Path file = home.resolve("config.yaml");
        Files.writeString(file, """
                orgs:
                  acme:
                    region: "%s"
                    clientId: operator
                    clientSecret: ${ACME_SECRET}
                audit:
                  db: %s
                """.formatted(org.baseUri(), home.resolve("audit.db")) + service);
        return file;
    }

    /** serve run in-process as the CLI runs it, until closed (what SIGTERM does). */
    private Running serve(String... args) {
        var context = new AppContext(Map.of("ACME_SECRET", "operator-secret-1", "UNSTUCK_OPERATOR", "test-operator"), home,
                Clock.systemUTC(), new ByteArrayInputStream(new byte[0]), false);
        CommandLine cli = Cli.create(context);
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        ServeCommand command = cli.getSubcommands().get("serve").getCommand();
        AtomicInteger exit = new AtomicInteger(-1);
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        Thread thread = new Thread(() -> exit.set(cli.execute(all)), "serve-under-test");
        thread.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> command.service != null || exit.get() >= 0);
        assertThat(exit.get()).as("serve exited early: %s", err).isEqualTo(-1);
        return new Running(command, thread);
    }

    private record Running(ServeCommand command, Thread thread) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            command.shutdown();
            thread.join(30_000);
        }
    }

    private static int status(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
