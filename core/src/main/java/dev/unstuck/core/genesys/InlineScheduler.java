package dev.unstuck.core.genesys;

import dev.failsafe.spi.DefaultScheduledFuture;
import dev.failsafe.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Failsafe's attempts on the calling thread, waiting through the {@link Sleeper}. This keeps the
 * client synchronous (per-call observers work on the caller's thread) and lets tests replace real
 * waiting (Retry-After, back-off) with a recording sleeper.
 */
final class InlineScheduler implements Scheduler {

    private final Sleeper sleeper;

    InlineScheduler(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
        try {
            sleeper.sleep(Duration.ofNanos(unit.toNanos(delay)));
            callable.call();
        } catch (InterruptedException e) {
            // The caller sees an unfinished execution and reports the interruption.
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Failsafe's callables complete their own promise; nothing escapes here in practice.
        }
        return new DefaultScheduledFuture<>() {
            @Override
            public boolean isDone() {
                return true;
            }
        };
    }
}
