package dev.unstuck.app.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process exactly as a user would, with a chosen environment and home folder. */
final class CliRun {
    private final Map<String, String> env = new HashMap<>();
    private final Path home;
    private String stdin = "";

    CliRun(Path home) {
        this.home = home;
    }

    CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliRun credentials(String baseUri, String clientId, String secret) {
        return env("GENESYSCLOUD_REGION", baseUri).env("GENESYSCLOUD_OAUTHCLIENT_ID", clientId)
                .env("GENESYSCLOUD_OAUTHCLIENT_SECRET", secret);
    }

    CliRun stdin(String text) {
        this.stdin = text;
        return this;
    }

    Result run(String... args) {
        env.putIfAbsent("UNSTUCK_OPERATOR", "test-operator");
        AppContext context = new AppContext(Map.copyOf(env), home, Clock.systemUTC(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Cli.create(context);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }
}
