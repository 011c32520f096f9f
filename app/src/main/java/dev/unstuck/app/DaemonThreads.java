package dev.unstuck.app;

import java.util.concurrent.ThreadFactory;

/** Threads of the process's background work: named, so a thread dump says whose they are, and daemons, so they never hold the JVM open. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
