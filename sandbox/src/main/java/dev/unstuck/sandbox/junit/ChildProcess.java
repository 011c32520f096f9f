package dev.unstuck.sandbox.junit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A process a test or the bench starts (a JVM on the caller's class path, or a launcher script), with its
 * output read line by line as it comes: the caller can wait for a line and still read everything after a
 * kill. Standard error is merged into {@link #lines()}, or kept apart in {@link #errors()} for a caller that
 * reads machine output on standard output. {@link #close()} kills what is still running and waits for it
 * to be gone, so nothing it does lands in the next test. The one runner of app's tests and the bench.
 */
public final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    private ChildProcess(Process process, String name, boolean errorsApart, Consumer<String> onLine) {
        this.process = process;
        readers.add(read(process.getInputStream(), lines, onLine, "output-of-" + name));
        if (errorsApart) {
            readers.add(read(process.getErrorStream(), errors, line -> { }, "errors-of-" + name));
        }
    }

    /** A JVM of its own running {@code mainClass} on this JVM's class path. */
    public static Spec java(String mainClass) {
        return new Spec(mainClass);
    }

    /** Any command, e.g. the repository's {@code ./unstuck} launcher. */
    public static Spec command(List<String> command) {
        return new Spec(command);
    }

    /** What to start and how; {@link #start()} starts it. */
    public static final class Spec {
        private final Optional<String> mainClass;
        private final List<String> command = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, Optional<String>> env = new LinkedHashMap<>();
        private boolean errorsApart;
        private Consumer<String> onLine = line -> { };

        private Spec(String mainClass) {
            this.mainClass = Optional.of(mainClass);
        }

        private Spec(List<String> command) {
            this.mainClass = Optional.empty();
            this.command.addAll(command);
        }

        /** Options of the JVM (a {@link #java(String)} process only), e.g. {@code -Xmx1g}. */
        public Spec jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        public Spec args(List<String> more) {
            args.addAll(more);
            return this;
        }

        /** Variables added to the caller's environment. */
        public Spec env(Map<String, String> variables) {
            variables.forEach((name, value) -> env.put(name, Optional.of(value)));
            return this;
        }

        /** A variable of the caller's environment the process must not see. */
        public Spec withoutEnv(String name) {
            env.put(name, Optional.empty());
            return this;
        }

        /** Standard error in {@link ChildProcess#errors()}, not among the lines. */
        public Spec errorsApart() {
            errorsApart = true;
            return this;
        }

        /** Told every line of standard output as it is read (on the reader's thread), before it joins {@link ChildProcess#lines()}. */
        public Spec onLine(Consumer<String> listener) {
            onLine = listener;
            return this;
        }

        public ChildProcess start() {
            List<String> full = new ArrayList<>();
            if (mainClass.isPresent()) {
                full.add(java());
                full.addAll(jvmOptions);
                full.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.get()));
            } else {
                full.addAll(command);
            }
            full.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(!errorsApart);
            env.forEach((name, value) -> value.ifPresentOrElse(v -> builder.environment().put(name, v),
                    () -> builder.environment().remove(name)));
            String name = args.isEmpty() ? mainClass.orElse(command.get(0)) : args.get(0);
            try {
                return new ChildProcess(builder.start(), name, errorsApart, onLine);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + String.join(" ", full), e);
            }
        }

        /** The running JVM's own java, so the child is the same Java as its parent. */
        private static String java() {
            return ProcessHandle.current().info().command().orElse("java");
        }
    }

    private static Thread read(InputStream stream, List<String> into, Consumer<String> onLine, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    onLine.accept(line);
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

    public long pid() {
        return process.pid();
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

    /** SIGTERM, then SIGKILL if it still runs after {@code grace}; waits for it to be gone. */
    public void stop(Duration grace) throws InterruptedException {
        terminate();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            process.waitFor(10, TimeUnit.SECONDS);
        }
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
