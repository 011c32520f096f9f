package dev.unstuck.app.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Writes that arrive together are committed together: each caller queues its unit of work and waits
 * for the connection's lock; whoever gets the lock first runs every unit queued by then in one
 * transaction, each under its own savepoint, and commits once. A caller returns only after the
 * transaction holding its unit committed, so a row is as durable when {@code write} returns as it was
 * with a transaction of its own (the write-ahead rule: an act is recorded before it is sent); the
 * commit's cost is shared by the batch instead of paid by each caller in turn while the others queue.
 *
 * <p>A unit that fails is rolled back to its savepoint and fails alone; the rest of its batch commits.
 * A failure of the transaction itself (SQLITE_BUSY past the busy timeout, the commit failing) rolls
 * the whole batch back and is thrown to the leader's retry, which runs the batch again.
 *
 * <p>Not thread-safe by itself: {@link #commitQueued} runs under the connection's lock.
 */
final class GroupCommit {
    /** One caller's unit of work and, once its transaction committed, what came of it. */
    static final class Unit<T> {
        private final AuditConnection.Work<T> work;
        private volatile boolean done;
        private T value;
        private Throwable failure;

        Unit(AuditConnection.Work<T> work) {
            this.work = work;
        }

        boolean done() {
            return done;
        }

        /** The unit's value, or its own failure thrown again (checked ones wrapped by {@code wrap}). */
        T result(Failure wrap) {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw wrap.of(failure);
            }
            return value;
        }

        private void failWith(Throwable e) {
            value = null;
            failure = e;
            done = true;
        }
    }

    /** How a checked failure reaches the caller. */
    @FunctionalInterface
    interface Failure {
        RuntimeException of(Throwable cause);
    }

    private final ConcurrentLinkedQueue<Unit<?>> queued = new ConcurrentLinkedQueue<>();

    void queue(Unit<?> unit) {
        queued.add(unit);
    }

    /** How many units wait for a leader (for tests that line a batch up). */
    int waiting() {
        return queued.size();
    }

    /** Takes every unit queued so far, for one transaction. */
    List<Unit<?>> drain() {
        List<Unit<?>> batch = new ArrayList<>();
        for (Unit<?> unit = queued.poll(); unit != null; unit = queued.poll()) {
            batch.add(unit);
        }
        return batch;
    }

    /**
     * Runs the batch in one transaction and commits it; marks each unit done only once committed. Throws
     * (everything rolled back, no unit done) when the transaction itself fails or a unit meets a busy
     * database, so the caller may retry the whole batch.
     */
    static void commit(Connection c, List<Unit<?>> batch) throws SQLException {
        List<Throwable> failures = new ArrayList<>(batch.size());
        List<Object> values = new ArrayList<>(batch.size());
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (Unit<?> unit : batch) {
                Savepoint before = c.setSavepoint();
                try {
                    values.add(unit.work.run());
                    failures.add(null);
                    c.releaseSavepoint(before);
                } catch (SQLException e) {
                    if (AuditConnection.isBusy(e)) {
                        throw e;
                    }
                    c.rollback(before);
                    c.releaseSavepoint(before);
                    values.add(null);
                    failures.add(e);
                } catch (RuntimeException | Error e) {
                    c.rollback(before);
                    c.releaseSavepoint(before);
                    values.add(null);
                    failures.add(e);
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(c, e);
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        for (int i = 0; i < batch.size(); i++) {
            publish(batch.get(i), values.get(i), failures.get(i));
        }
    }

    /** Every unit of the batch fails with {@code e} (the transaction could not be committed, retries spent). */
    static void failAll(List<Unit<?>> batch, Throwable e) {
        for (Unit<?> unit : batch) {
            unit.failWith(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void publish(Unit<T> unit, Object value, Throwable failure) {
        if (failure != null) {
            unit.failWith(failure);
            return;
        }
        unit.value = (T) value;
        unit.done = true;
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
