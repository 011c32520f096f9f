package dev.unstuck.app;

import java.io.BufferedReader;
import java.io.IOException;
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
 * dev.unstuck.app.Main ...}), for the tests that kill it, stop it or run several at once: its output
 * (standard error merged) is read line by line as it comes, so a test can wait for a line and still read
 * everything after a kill. {@link #close()} kills what is still running and waits for it to be gone, so
 * nothing it does lands in the next test.
 */
public final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildProcess(Process process, String name) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader: " + e.getMessage());
            }
        }, "output-of-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code unstuck args...} with these variables added to the test's environment. */
    public static ChildProcess unstuck(Map<String, String> env, List<String> args) {
        return java(List.of(), env, args);
    }

    /** As {@link #unstuck(Map, List)}, with JVM options (e.g. {@code -Xmx192m}) before the main class. */
    public static ChildProcess java(List<String> jvmOptions, Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            return new ChildProcess(builder.start(), args.isEmpty() ? "unstuck" : args.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /** What it printed so far, one entry a line; grows while it runs. */
    public List<String> lines() {
        return lines;
    }

    /** Everything printed so far, for assertion messages. */
    public String output() {
        return String.join("\n", lines);
    }

    public boolean said(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for it to exit and for its last line to be read; false if it still runs after {@code atMost}. */
    public boolean waitFor(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        reader.join(5_000);
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
