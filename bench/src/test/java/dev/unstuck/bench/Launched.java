package dev.unstuck.bench;

import dev.unstuck.sandbox.junit.ChildProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * unstuck started by the repository's own {@code ./unstuck} launcher, as a user starts it: the JVM
 * options are the launcher's defaults unless {@code javaOpts} is given (then it is
 * {@code UNSTUCK_JAVA_OPTS}), so resident memory measured here is what a user gets with no flag.
 * The launcher {@code exec}s the JVM, so the process id is the JVM's. Started through the test kit's one
 * runner ({@link ChildProcess}), as app's tests start theirs.
 */
final class Launched implements AutoCloseable {
    private final ChildProcess process;

    private Launched(ChildProcess process) {
        this.process = process;
    }

    /** Starts {@code ./unstuck ARGS}; {@code javaOpts} empty means the launcher's defaults. */
    static Launched start(Optional<String> javaOpts, String... args) {
        ChildProcess.Spec spec = ChildProcess.command(List.of(launcher().toString())).args(List.of(args)).withoutEnv("UNSTUCK_JAVA_OPTS");
        javaOpts.filter(o -> !o.isBlank()).ifPresent(o -> spec.env(Map.of("UNSTUCK_JAVA_OPTS", o)));
        return new Launched(spec.start());
    }

    /** The repository's {@code unstuck} script: the bench runs in bench/, bench/run-service from the root. */
    static Path launcher() {
        for (Path p : List.of(Path.of("..", "unstuck"), Path.of("unstuck"))) {
            if (Files.isExecutable(p) && Files.exists(p.toAbsolutePath().getParent().resolve("pom.xml"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("no ./unstuck launcher beside the bench");
    }

    List<String> lines() {
        return process.lines();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** A line of /proc/PID/status in KiB ({@code VmRSS:}, {@code VmHWM:}), -1 if the process is gone. */
    long statusKib(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException gone) {
            return -1;
        }
        return -1;
    }

    /**
     * The live heap after a full collection, from {@code jcmd PID GC.class_histogram} (which collects
     * first): the "Total" line's bytes, -1 when jcmd is missing or fails. Its top 50 classes and the
     * total go to {@code histogramCopy}.
     */
    long liveHeapBytes(Path histogramCopy) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(process.pid()), "GC.class_histogram").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(60, TimeUnit.SECONDS);
            List<String> lines = out.lines().toList();
            List<String> kept = new ArrayList<>(lines.subList(0, Math.min(lines.size(), 53)));
            if (lines.size() > 53) {
                kept.add("   ... (the top 50 classes; the rest left out)");
                kept.add(lines.get(lines.size() - 1));
            }
            Files.write(histogramCopy, kept);
            return out.lines().filter(l -> l.startsWith("Total")).map(l -> l.trim().split("\\s+"))
                    .mapToLong(p -> Long.parseLong(p[p.length - 1])).findFirst().orElse(-1);
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.stop(Duration.ofSeconds(30));
    }
}
