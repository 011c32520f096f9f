package dev.unstuck.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code unstuck} run as its own process, as an operator runs it ({@code java -cp <the tests' class path>
 * dev.unstuck.app.Main ...}), for the tests that kill it, stop it or run several at once: its output is
 * read line by line as it comes, so a test can wait for a line and still read everything after a kill.
 * Standard error is merged into {@link #lines()}, or kept apart in {@link #errors()} for a test that
 * reads machine output (JSON lines) on standard output. {@link #close()} kills what is still running
 * and waits for it to be gone, so nothing it does lands in the next test.
 */
public final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    private ChildProcess(Process process, String name, boolean separateErrors) {
        this.process = process;
        readers.add(read(process.getInputStream(), lines, "output-of-" + name));
        if (separateErrors) {
            readers.add(read(process.getErrorStream(), errors, "errors-of-" + name));
        }
    }

    /** {@code unstuck args...} with these variables added to the test's environment; standard error merged. */
    public static ChildProcess unstuck(Map<String, String> env, List<String> args) {
        return start(env, args, false);
    }

    /** As {@link #unstuck(Map, List)}, with standard error kept apart in {@link #errors()}. */
    public static ChildProcess unstuckWithErrorsApart(Map<String, String> env, List<String> args) {
        return start(env, args, true);
    }

    private static ChildProcess start(Map<String, String> env, List<String> args, boolean separateErrors) {
        // A test's child runs for seconds: the quick compiler alone and the serial collector start it sooner
        // and leave the other core to the test and the tests beside it (nothing here measures its speed).
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(!separateErrors);
        builder.environment().putAll(env);
        try {
            return new ChildProcess(builder.start(), args.isEmpty() ? "unstuck" : args.get(0), separateErrors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    private static Thread read(InputStream stream, List<String> into, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    into.add(line);
                }
            } catch (IOException e) {
                into.add("reader: " + e.getMessage());
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** What it printed so far (standard output, and standard error unless kept apart), one entry a line; grows while it runs. */
    public List<String> lines() {
        return lines;
    }

    /** What it printed on standard error, when started with errors apart; empty otherwise. */
    public List<String> errors() {
        return errors;
    }

    /** Everything printed so far, for assertion messages. */
    public String output() {
        List<String> all = new ArrayList<>(lines);
        all.addAll(errors);
        return String.join("\n", all);
    }

    public boolean said(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for it to exit and for its last lines to be read; false if it still runs after {@code atMost}. */
    public boolean waitFor(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        for (Thread reader : readers) {
            reader.join(5_000);
        }
        return true;
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL ({@code kill -9}): no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
    }

    /** SIGTERM: shutdown hooks run; the output stays readable ({@link Process#destroy()} would close it). */
    public void terminate() {
        process.toHandle().destroy();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
