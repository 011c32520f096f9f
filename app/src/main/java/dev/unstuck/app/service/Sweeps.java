package dev.unstuck.app.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.unstuck.app.DaemonThreads;
import dev.unstuck.app.text.UserText;
import dev.unstuck.app.view.SweepView;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.Sweep;
import dev.unstuck.core.detect.SweepListener;
import dev.unstuck.core.detect.SweepReport;
import dev.unstuck.core.detect.SweepRequest;
import dev.unstuck.core.engine.EnginePolicy;
import dev.unstuck.core.engine.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sweeps asked for over the API: each runs in the background (one at a time per org); its progress
 * and, once done, its report (the shape of {@code sweep --json}) are read by id.
 */
final class Sweeps implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("unstuck.serve");

    private final OrgRuntimes orgs;
    private final Clock clock;
    private final Observers observers;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, String> runningByOrg = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(DaemonThreads.named("serve-sweep"));

    Sweeps(OrgRuntimes orgs, Clock clock, Observers observers) {
        this.orgs = orgs;
        this.clock = clock;
        this.observers = observers;
    }

    /** What was asked. */
    record Ask(String org, boolean dryRun, List<String> queues, Optional<Integer> limit, String reason, Caller caller) {
    }

    /** One sweep: its state, progress and (when done) report. */
    static final class Job {
        final String id;
        final Ask ask;
        final Instant startedAt;
        final AtomicInteger toHandle = new AtomicInteger(-1);
        final AtomicInteger handled = new AtomicInteger();
        volatile String state = "running";
        volatile Instant finishedAt;
        volatile Object report;
        volatile String error;

        Job(String id, Ask ask, Instant startedAt) {
            this.id = id;
            this.ask = ask;
            this.startedAt = startedAt;
        }

        View view() {
            return new View(id, ask.org(), state, ask.dryRun(), ask.queues(), ask.caller().auditName(), startedAt.toString(),
                    finishedAt == null ? null : finishedAt.toString(),
                    new Progress(Math.max(0, toHandle.get()), handled.get(), toHandle.get() >= 0), report, error);
        }
    }

    /** A sweep as the API answers it; {@code report} and {@code error} only when there is one. */
    record View(String id, String org, String state, boolean dryRun, List<String> queues, String requestedBy, String startedAt,
                String finishedAt, Progress progress, @JsonInclude(JsonInclude.Include.NON_NULL) Object report,
                @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
    }

    /** How far a sweep got: the conversations it found to handle (once scanned) and handled. */
    record Progress(int toHandle, int handled, boolean scanned) {
    }

    Job start(Ask ask) {
        OrgRuntime org = orgs.get(ask.org());
        String id = UUID.randomUUID().toString();
        if (runningByOrg.putIfAbsent(org.name(), id) != null) {
            throw new ApiProblem(409, "sweep.running", "a sweep of org '" + org.name() + "' is running (" + runningByOrg.get(org.name())
                    + "); wait for it or read it at /api/v1/orgs/" + org.name() + "/sweeps/" + runningByOrg.get(org.name()));
        }
        Job job = new Job(id, ask, clock.instant());
        jobs.put(id, job);
        workers.submit(() -> run(org, job));
        return job;
    }

    Job get(String org, String id) {
        Job job = jobs.get(id);
        if (job == null || !job.ask.org().equals(org)) {
            throw ApiProblem.notFound("sweep.not.found", "no sweep " + UserText.shown(id, 64) + " of org '" + UserText.shown(org, 64) + "' on this replica");
        }
        return job;
    }

    private void run(OrgRuntime org, Job job) {
        try {
            Policy policy = org.detection();
            if (job.ask.limit().isPresent()) {
                policy = policy.withLimit(job.ask.limit().get());
            }
            Sweep sweep = new Sweep(org.client(), org.engine(EnginePolicy.lean()), clock).remembering(org.ghosts());
            SweepReport report = sweep.run(policy, new SweepRequest(job.ask.dryRun(), job.ask.queues(), job.ask.reason(),
                    job.ask.caller().auditName()), new SweepListener() {
                @Override
                public void found(int toEnd) {
                    job.toHandle.set(toEnd);
                }

                @Override
                public void handled(Finding finding, Outcome outcome) {
                    job.handled.incrementAndGet();
                    if (!job.ask.dryRun()) {
                        observers.handled(org.name(), "sweep", finding, outcome);
                    }
                }
            });
            Map<String, Object> body = SweepView.json(report, org.name(), 0, "", clock.instant(), job.ask.dryRun());
            body.put("queuesNotVisible", null); // the service does not ask Genesys which queues it cannot see: unknown
            job.report = body;
            job.state = report.unknownQueues().isEmpty() ? "done" : "failed";
            if (!report.unknownQueues().isEmpty()) {
                job.error = "no queue " + String.join(", ", report.unknownQueues()) + " in org " + org.name() + "; nothing was done";
            }
        } catch (RuntimeException e) {
            LOG.warn("[{}] sweep {} failed: {}", org.name(), job.id, e.getMessage());
            job.state = "failed";
            job.error = UserText.shown(e.getMessage(), 300);
        } finally {
            job.finishedAt = clock.instant();
            runningByOrg.remove(org.name(), job.id);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
