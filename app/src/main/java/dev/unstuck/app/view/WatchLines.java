package dev.unstuck.app.view;

import dev.unstuck.core.detect.AnalyticsGhost;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.WatchListener;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.Plan;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a watch's events go: a line of text with the time and the org, or one JSON object per line
 * with {@code time}, {@code event}, {@code org} and the event's fields (docs/schemas/watch.schema.json).
 */
public record WatchLines(PrintWriter out, boolean json) {

    /** A listener that says one org's watch events here. */
    public WatchListener of(String org) {
        return new Events(this, org, new AtomicInteger());
    }

    /** Text lines led by the org, as the demo's tour shows them. */
    public static WatchListener text(PrintWriter out, String org) {
        return new WatchLines(out, false).of(org);
    }

    public void event(String org, String event, String text, Map<String, ?> fields) {
        if (!json) {
            say(out, (org == null ? "" : "[" + org + "] ") + text);
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", java.time.Instant.now().toString());
        line.put("event", event);
        line.put("org", org);
        line.put("message", text);
        line.putAll(fields);
        synchronized (out) {
            out.println(JsonOutput.line(line));
            out.flush();
        }
    }

    /** One line led by the time (to the second), whole even when threads say things at once. */
    public static void say(PrintWriter out, String line) {
        synchronized (out) {
            out.println(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + line);
            out.flush();
        }
    }

    /** One event per thing worth knowing, with the org. */
    private record Events(WatchLines lines, String org, AtomicInteger ghosts) implements WatchListener {
        @Override
        public void connected(String channelId, int queues) {
            lines.event(org, "subscribed", "subscribed to " + queues + " queue" + (queues == 1 ? "" : "s") + " on channel " + channelId,
                    Map.of("channelId", channelId, "queues", queues));
        }

        @Override
        public void disconnected(String why) {
            lines.event(org, "disconnected", why + "; reconnecting and rescanning", Map.of("cause", why));
        }

        @Override
        public void scanned(int tracked) {
            lines.event(org, "scanned", "scan: following " + tracked + " guest" + (tracked == 1 ? "" : "s"), Map.of("tracked", tracked));
        }

        @Override
        public void handled(Finding finding, Outcome outcome) {
            boolean wouldEnd = outcome instanceof Outcome.Planned p && p.plan() instanceof Plan.Steps;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("conversationId", finding.conversationId());
            fields.put("queue", finding.queue());
            fields.put("reason", finding.why());
            fields.put("detail", finding.verdict().detail());
            fields.put("dryRun", outcome instanceof Outcome.Planned);
            fields.put("outcome", OutcomeView.json(outcome));
            if (outcome instanceof Outcome.Planned p && p.plan() instanceof Plan.Steps steps) {
                fields.put("steps", steps.steps().stream().map(s -> StepView.planned(s, finding.conversationId())).toList());
            }
            lines.event(org, wouldEnd ? "would-end" : "handled", (wouldEnd ? "would end " : "") + finding.conversationId() + " "
                    + finding.queue() + " " + finding.why() + " (" + finding.verdict().detail() + "): " + outcome.summary(), fields);
        }

        @Override
        public void ghost(AnalyticsGhost ghost) {
            int met = ghosts.incrementAndGet();
            lines.event(org, "analytics-ghost", "analytics ghost " + ghost.conversationId() + " " + ghost.queue() + ": open in analytics, "
                    + (ghost.notFound() ? "unknown to" : "over for") + " the conversation API; not an ending, left out for a day ("
                    + met + " so far)", Map.of("conversationId", ghost.conversationId(), "queue", ghost.queue(),
                    "notFound", ghost.notFound(), "analyticsGhosts", met));
        }

        @Override
        public void limitReached(int limit) {
            lines.event(org, "limit-reached", limit + " ended in the last hour: the policy's limit; the rest wait", Map.of("limit", limit));
        }

        @Override
        public void trouble(String what) {
            lines.event(org, "trouble", "trouble: " + what + "; retrying", Map.of("cause", what));
        }
    }
}
