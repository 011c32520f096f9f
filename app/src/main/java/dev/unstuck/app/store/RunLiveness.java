package dev.unstuck.app.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a run recorded in {@code audit_run} can still finish its own work. On this host the answer
 * is exact: its process is alive (same pid, same start time) or not, so a killed run's endings are
 * resumed at once. A run on another host counts as alive while its lease, renewed every
 * {@link #RENEW_EVERY}, has not lapsed. A run without a row (older versions) has stopped.
 */
final class RunLiveness {
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration RENEW_EVERY = Duration.ofSeconds(15);
    static final String HOST = hostName();
    static final long PID = ProcessHandle.current().pid();
    static final long PID_STARTED = startOf(ProcessHandle.current());

    /** One row of audit_run. */
    record Run(String runId, String host, long pid, long pidStarted, long aliveUntil, Optional<Long> endedAt) {
    }

    private RunLiveness() {}

    static boolean alive(Optional<Run> recorded, Instant now) {
        if (recorded.isEmpty()) {
            return false;
        }
        Run run = recorded.get();
        if (run.endedAt().isPresent()) {
            return false;
        }
        if (run.host().equals(HOST)) {
            return ProcessHandle.of(run.pid()).filter(ProcessHandle::isAlive)
                    .filter(p -> run.pidStarted() == 0 || startOf(p) == run.pidStarted()).isPresent();
        }
        return run.aliveUntil() > now.toEpochMilli();
    }

    private static long startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return fromEnv == null || fromEnv.isBlank() ? "localhost" : fromEnv;
        }
    }
}
