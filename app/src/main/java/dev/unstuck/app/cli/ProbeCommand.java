package dev.unstuck.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.app.probe.Probe;
import dev.unstuck.app.probe.ProbeRecord;
import dev.unstuck.app.service.OrgRuntime;
import dev.unstuck.app.view.Rows;
import dev.unstuck.core.genesys.ClientSettings;
import dev.unstuck.core.genesys.Credentials;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.Region;
import dev.unstuck.core.genesys.UnknownRegionException;
import dev.unstuck.sandbox.Sandbox;
import dev.unstuck.sandbox.SandboxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * `unstuck probe`: read-only calls against a real org, their answers' shapes recorded (never values), and
 * the same calls against an embedded sandbox, so a user with a test org can confirm or correct the rows
 * of docs/fidelity.md.
 */
@Command(name = "probe",
        header = "Record the shapes of a real org's answers and compare them with the sandbox's.",
        description = {"Read-only: token info, the client and one role, divisions, both queue listings, one",
                "analytics page, one conversation, one queue observation, a notification channel of its own",
                "with one queue topic, and users/me. Nothing of the org is changed. Each answer's field names",
                "and types (no ids, names, values or secrets) go to --out FILE, then the same calls are made",
                "against an embedded sandbox and every difference is printed. --compare FILE compares a file",
                "recorded earlier instead of calling an org. Exits 1 when something differs. It also records what",
                "settles UNCONFIRMED rows of docs/fidelity.md: how far the jobs' availability date and the newest",
                "moment analytics knows trail now, each route's rate-limit headers, and (--too-many-query) the",
                "502 past the match limit; deltas and shapes only."})
final class ProbeCommand extends OrgCommand {
    static final String SCENARIO = "/probe-scenario.json";

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the shapes seen (default: unstuck-probe.json).")
    Path out = Path.of("unstuck-probe.json");

    @Option(names = "--compare", paramLabel = "FILE", description = "Compare this recorded probe file with the sandbox; no org is called.")
    Path compare;

    @Option(names = "--too-many-query", description = {"Also ask one unfiltered analytics details query of the last six days, to record",
            "the body of the 502 past the match limit (its shape, code and wording; numbers and ids blanked).",
            "On a busy org it is refused, as meant; on a small one it is one ordinary page."})
    boolean tooManyQuery;

    @Mixin
    OutputOptions output;

    /** Made on first use: picocli makes every command to build the command tree, also for {@code --version}. */
    private ObjectMapper mapper;

    ProbeCommand(AppContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        PrintWriter writer = spec.commandLine().getOut();
        ProbeRecord real;
        String what;
        if (compare != null) {
            if (tooManyQuery) {
                throw new UserError(ExitCode.USAGE, "--too-many-query asks an org; --compare reads a file and calls none");
            }
            real = read(compare);
            what = "the probe file " + compare;
        } else {
            OrgRuntime org = orgOptions.one().runtime();
            try {
                Probe probe = new Probe(org.client(), mapper(), context.clock());
                List<Probe.Seen> calls = probe.run();
                real = new ProbeRecord(context.clock().instant(), calls, probe.settle(tooManyQuery));
            } catch (GenesysException e) {
                throw ApiFailures.explain(e, org.genesys());
            }
            write(out, real);
            what = "org " + org.name() + " (" + real.calls().size() + " read-only calls; shapes written to " + out
                    + ", no ids, values or secrets)";
        }
        ProbeRecord sandbox = sandboxAnswers(context);
        List<ProbeRecord.CallDifferences> differences = real.compare(sandbox);
        Comparison body = new Comparison(differences.isEmpty(), differences, mapper().convertValue(real.settles(), Map.class));
        if (!output.printed(writer, body, () -> rows(differences))) {
            print(writer, what, real, differences);
            ProbeSettlesView.print(writer, real.settles());
        }
        writer.flush();
        return differences.isEmpty() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }

    /** The same calls against a sandbox of its own, with a scenario that gives every call something to read. */
    private ProbeRecord sandboxAnswers(AppContext context) {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withScenario(scenario()))) {
            GenesysClient client = GenesysClient.create(Region.parse(sandbox.baseUri().toString()),
                    new Credentials("probe", "probe-secret"), ClientSettings.defaults());
            return new ProbeRecord(context.clock().instant(), new Probe(client, mapper(), context.clock()).run());
        } catch (UnknownRegionException e) {
            throw new IllegalStateException("the embedded sandbox's own address was refused: " + e.getMessage(), e);
        }
    }

    static String scenario() {
        try (InputStream in = ProbeCommand.class.getResourceAsStream(SCENARIO)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(PrintWriter writer, String what, ProbeRecord real, List<ProbeRecord.CallDifferences> differences) {
        writer.println("Probed " + what + ".");
        writer.println("Compared with the sandbox's answers to the same calls:");
        for (var seen : real.calls()) {
            var found = differences.stream().filter(d -> d.name().equals(seen.name())).findFirst();
            writer.println("  " + seen.name() + " (" + seen.call() + ", " + seen.status() + "): "
                    + (found.isEmpty() ? "same" : found.get().differences().size() + " difference(s)"));
            found.ifPresent(d -> d.differences().forEach(line -> writer.println("      " + line)));
        }
        differences.stream().filter(d -> real.calls().stream().noneMatch(s -> s.name().equals(d.name())))
                .forEach(d -> writer.println("  " + d.name() + " (" + d.call() + "): " + String.join("; ", d.differences())));
        writer.println(differences.isEmpty() ? "No differences: the sandbox answers these calls in the shapes the org does."
                : differences.size() + " call(s) differ. Optional fields come and go with the data; the rest are rows of"
                + " docs/fidelity.md to correct (please report them with the probe file).");
    }

    /** The differences as `probe -o csv` prints them: one row per difference. */
    private static Rows rows(List<ProbeRecord.CallDifferences> differences) {
        Rows rows = new Rows("name", "call", "difference");
        differences.forEach(d -> d.differences().forEach(line -> rows.row(d.name(), d.call(), line)));
        return rows;
    }

    /**
     * The comparison as `probe -o json` prints it (docs/schemas/probe.schema.json): each call as {name, call,
     * differences}, and what settles the UNCONFIRMED rows as the probe recorded it.
     */
    record Comparison(boolean same, List<ProbeRecord.CallDifferences> differences, Map<?, ?> settles) {
    }

    private ProbeRecord read(Path file) {
        JsonNode node;
        try {
            node = mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UserError(ExitCode.USAGE, "--compare " + file + ": cannot read it as JSON (" + e.getMessage() + ")");
        }
        try {
            return ProbeRecord.fromJson(node);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCode.USAGE, "--compare " + file + ": " + e.getMessage());
        }
    }

    private void write(Path file, ProbeRecord record) {
        try {
            Files.writeString(file, mapper().writerWithDefaultPrettyPrinter().writeValueAsString(record.toJson(mapper())) + "\n");
        } catch (IOException e) {
            throw new UserError(ExitCode.USAGE, "--out " + file + ": cannot write it (" + e.getMessage() + ")");
        }
    }

    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper = new ObjectMapper();
        }
        return mapper;
    }
}
