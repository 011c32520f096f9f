package dev.unstuck.app.demo;

import dev.unstuck.core.detect.Policy;
import dev.unstuck.core.detect.QueuePolicy;
import dev.unstuck.core.detect.Sweep;
import dev.unstuck.core.detect.SweepListener;
import dev.unstuck.core.detect.SweepReport;
import dev.unstuck.core.detect.SweepRequest;
import dev.unstuck.sandbox.client.SandboxClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's job, apart from how it is shown: one sweep of the sandbox with the demo's policy (stuck
 * after ten minutes in a queue, loops, orphans; the live-agent guard on), as a user would run
 * {@code unstuck sweep}; the sandbox's labels let the tour name each guest.
 */
public final class DemoRun {
    /** The demo's threshold: waiting longer than this counts as stuck. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(10);

    /** Ten minutes in a queue; a minute of grace for new guests; the rest as shipped. */
    public static final Policy POLICY = Policy.of(QueuePolicy.defaults().withMaxWait(MAX_WAIT).withMinAge(Duration.ofMinutes(1)));

    private final SandboxClient sandbox;
    private final Sweep sweep;

    public DemoRun(SandboxClient sandbox, Sweep sweep) {
        this.sandbox = sandbox;
        this.sweep = sweep;
    }

    /** @param labels the sandbox's label of each conversation, for the tour to name guests */
    public record Result(SweepReport report, Map<String, String> labels, int openConversations) {}

    public Result run(SweepRequest request, SweepListener progress) {
        Map<String, String> labels = new HashMap<>();
        int open = 0;
        for (SandboxClient.Guest guest : sandbox.conversations()) {
            labels.put(guest.id(), guest.label());
            if (!guest.ended()) {
                open++;
            }
        }
        return new Result(sweep.run(POLICY, request, progress), Map.copyOf(labels), open);
    }
}
