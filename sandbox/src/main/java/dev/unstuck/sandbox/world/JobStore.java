package dev.unstuck.sandbox.world;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unstuck.sandbox.org.Reach;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The org's asynchronous analytics jobs as plain data, kept with the world so loading a scenario forgets
 * them. What a job means (its state, its results, the concurrent-job cap) is {@code analytics/DetailJobs},
 * which works over this store from outside: the world knows nothing of analytics. Not thread-safe:
 * callers hold the state lock.
 */
public final class JobStore {
    /**
     * One submitted job: its query body as submitted (already found valid), when it was submitted and is
     * due, the data availability date it sees, the caller's reach and limit, and what happened to it since.
     * {@code matches} holds the matching conversation ids once they were worked out.
     */
    public record Job(String id, JsonNode query, Instant submitted, Instant due, Instant dataAvailability, Reach reach,
                      Optional<Integer> limit, Optional<String> failure, boolean cancelled, Optional<List<String>> matches) {
        public Job {
            query = query.deepCopy();
            matches = matches.map(List::copyOf);
        }

        public Job failed(String message) {
            return new Job(id, query, submitted, due, dataAvailability, reach, limit, Optional.of(message), cancelled, matches);
        }

        public Job cancel() {
            return new Job(id, query, submitted, due, dataAvailability, reach, limit, failure, true, matches);
        }

        public Job withMatches(List<String> found) {
            return new Job(id, query, submitted, due, dataAvailability, reach, limit, failure, cancelled, Optional.of(found));
        }
    }

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private int submittedCount;

    /** The number the next submitted job takes (its id is derived from it and the seed). */
    public int nextNumber() {
        return submittedCount++;
    }

    public Optional<Job> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Stores the job, in place of the one with its id if there is one (submission order is kept). */
    public void put(Job job) {
        jobs.put(job.id(), job);
    }

    public void remove(String id) {
        jobs.remove(id);
    }

    /** Every job, in submission order. */
    public Collection<Job> all() {
        return List.copyOf(jobs.values());
    }
}
