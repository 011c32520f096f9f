package dev.unstuck.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A batch of calls run a few at a time on daemon threads of their own, answered in the order given. A
 * call's exception reaches the caller as it was thrown, so a 403 in a worker reads like one on the
 * caller's thread.
 */
final class InParallel {
    private InParallel() {}

    /**
     * @param threadName what the workers are called (seen in thread dumps and logs)
     * @param what what the batch is, for the message when the waiting is interrupted
     */
    static <T> List<T> all(List<? extends Supplier<T>> calls, int parallelism, String threadName, String what) {
        if (calls.isEmpty()) {
            return List.of();
        }
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(Math.max(1, parallelism), calls.size()), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Supplier<T> call : calls) {
                futures.add(workers.submit(call::get));
            }
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            workers.shutdownNow();
        }
    }
}
