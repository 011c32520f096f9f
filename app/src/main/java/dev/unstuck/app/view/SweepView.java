package dev.unstuck.app.view;

import dev.unstuck.app.text.Table;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.SweepReport;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.Plan;
import dev.unstuck.core.engine.Step;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** How a sweep's report reads: a table by queue and reason, and the plan file of a dry run. */
public final class SweepView {
    /** The plan file's format version; `unstuck end --from` refuses others. */
    public static final int PLAN_VERSION = 1;

    private SweepView() {}

    public static String table(SweepReport report) {
        return table(report, Integer.MAX_VALUE);
    }

    public static String table(SweepReport report, int width) {
        Map<String, int[]> rows = new TreeMap<>();
        Set<String> notEnded = Set.copyOf(report.notEnded());
        for (SweepReport.Handled h : report.handled()) {
            int[] row = rows.computeIfAbsent(h.finding().queue() + "\u0000" + h.finding().why(), k -> new int[7]);
            row[0]++;
            Outcome o = h.outcome();
            if (OutcomeView.bySomeoneElse(o)) {
                row[6]++;
            } else if (o instanceof Outcome.Ended) {
                row[1]++;
            } else if (o instanceof Outcome.Planned) {
                row[4]++;
            } else if (o instanceof Outcome.Skipped) {
                row[2]++;
            } else if (notEnded.contains(h.finding().conversationId())) {
                row[5]++;
            } else {
                row[3]++;
            }
        }
        boolean dryRun = report.handled().stream().anyMatch(h -> h.outcome() instanceof Outcome.Planned);
        // "by others": another run or person ended it first. "not ended": the steps went through, yet Genesys still shows a leg active (e.g. an agent offer that came after the look).
        Table table = dryRun ? new Table("queue", "reason", "found", "planned", "left alone")
                : new Table("queue", "reason", "found", "ended", "not ended", "by others", "left alone", "failed");
        rows.forEach((key, r) -> {
            String[] qr = key.split("\u0000", 2);
            if (dryRun) {
                table.row(qr[0], qr[1], r[0], r[4], r[2]);
            } else {
                table.row(qr[0], qr[1], r[0], r[1], r[5], r[6], r[2], r[3]);
            }
        });
        if (table.isEmpty()) {
            return "No guest crossed a rule.\n";
        }
        return table.render(width);
    }

    /**
     * What was left alone, so that its first number is the table's "left alone" column summed: those
     * that crossed a rule yet were skipped at the engine's fresh look, by reason; then what the scan saw
     * that crossed no rule, by reason: "1 that crossed a rule (skipped: live agent 1); crossing no rule: within-policy 12".
     */
    public static String leftAlone(SweepReport report) {
        Map<String, Integer> skipped = new TreeMap<>();
        report.handled().stream().map(SweepReport.Handled::outcome)
                .filter(o -> o instanceof Outcome.Skipped && !OutcomeView.bySomeoneElse(o))
                .forEach(o -> skipped.merge(OutcomeView.label(o), 1, Integer::sum));
        Map<String, Integer> noRule = new TreeMap<>();
        report.left().forEach(f -> noRule.merge(f.why(), 1, Integer::sum));
        int total = skipped.values().stream().mapToInt(Integer::intValue).sum();
        String crossed = total + " that crossed a rule" + (skipped.isEmpty() ? "" : " (" + counts(skipped) + ")");
        return noRule.isEmpty() ? crossed : crossed + "; crossing no rule: " + counts(noRule);
    }

    /** Those another run or person ended (or is ending) first, by label; empty when none: not a failure, not left alone. */
    public static java.util.Optional<String> bySomeoneElse(SweepReport report) {
        Map<String, Integer> counts = new TreeMap<>();
        report.handled().stream().map(SweepReport.Handled::outcome).filter(OutcomeView::bySomeoneElse)
                .forEach(o -> counts.merge(OutcomeView.label(o), 1, Integer::sum));
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return total == 0 ? java.util.Optional.empty() : java.util.Optional.of(total + " (" + counts(counts) + ")");
    }

    private static String counts(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((why, n) -> parts.add(why + " " + n));
        return String.join(", ", parts);
    }

    /**
     * The sweep as `sweep -o json` prints it (docs/schemas/sweep.schema.json), one shape for both kinds of
     * run. A dry run's is also the plan to review, then run with `unstuck end --from plan.json`: it carries
     * {@code unstuckPlan}, and its {@code conversations} are only those it would end, each with its steps.
     */
    public static Map<String, Object> json(SweepReport report, String org, int apiCalls, String runId, Instant createdAt, boolean dryRun) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (dryRun) {
            out.put("unstuckPlan", PLAN_VERSION);
        }
        out.put("org", org);
        out.put("runId", runId);
        out.put("createdAt", createdAt.toString());
        out.put("dryRun", dryRun);
        if (dryRun) {
            out.put("howToRun", "review, then: unstuck end --from THIS_FILE (each conversation is looked at again before anything is done)");
        }
        out.put("scanned", report.scanned());
        out.put("ended", report.ended());
        out.put("confirmed", report.confirmed());
        out.put("notEnded", report.notEnded());
        out.put("overLimit", report.overLimit().size());
        out.put("notListed", report.unlisted());
        out.put("analyticsGhosts", ghosts(report));
        out.put("apiCalls", apiCalls);
        out.put("callsPerEnded", report.ended() == 0 ? null : round(apiCalls / (double) report.ended()));
        List<Map<String, Object>> conversations = new ArrayList<>();
        List<Map<String, Object>> left = new ArrayList<>();
        for (SweepReport.Handled h : report.handled()) {
            Map<String, Object> entry = entry(h.finding());
            if (dryRun && !(h.outcome() instanceof Outcome.Planned p && p.plan() instanceof Plan.Steps)) {
                entry.put("leftBecause", h.outcome().summary());
                left.add(entry);
                continue;
            }
            entry.putAll(OutcomeView.json(h.outcome()));
            if (h.outcome() instanceof Outcome.Planned p && p.plan() instanceof Plan.Steps steps) {
                entry.put("state", p.state());
                entry.put("steps", steps.steps().stream().map((Step s) -> StepView.planned(s, h.finding().conversationId())).toList());
            }
            conversations.add(entry);
        }
        report.overLimit().forEach(f -> {
            Map<String, Object> entry = entry(f);
            entry.put("leftBecause", "over the run's limit; left for the next run");
            left.add(entry);
        });
        report.left().forEach(f -> {
            Map<String, Object> entry = entry(f);
            entry.put("leftBecause", f.why());
            left.add(entry);
        });
        out.put("conversations", conversations);
        out.put("left", left);
        return out;
    }

    /** The analytics ghosts met, apart from endings: found by this run's looks, and remembered from earlier ones. */
    public static Map<String, Object> ghosts(SweepReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", report.analyticsGhosts());
        out.put("looked", report.ghosts().size());
        out.put("remembered", report.ghostsRemembered());
        out.put("conversations", report.ghosts().stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", g.conversationId());
            m.put("queue", g.queue());
            m.put("notFound", g.notFound());
            return m;
        }).toList());
        return out;
    }

    /** The summary's line for analytics ghosts; empty when none were met. */
    public static java.util.Optional<String> ghostLine(SweepReport report) {
        if (report.analyticsGhosts() == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("Analytics ghosts: " + report.analyticsGhosts() + " (open in analytics, over for the conversation API;"
                + " not endings): " + report.ghosts().size() + " found by this run's looks, one call each; " + report.ghostsRemembered()
                + " remembered from an earlier look, no call. Each is looked at again after a day.");
    }

    /** As the service reports a sweep: a dry run when anything was only planned. */
    public static Map<String, Object> json(SweepReport report, String org, int apiCalls, String runId) {
        boolean dryRun = report.handled().stream().anyMatch(h -> h.outcome() instanceof Outcome.Planned);
        return json(report, org, apiCalls, runId, Instant.now(), dryRun);
    }

    /** The sweep as `sweep -o csv` prints it: one row per guest that crossed a rule or was left alone. */
    public static Rows rows(Map<String, Object> json) {
        Rows rows = new Rows("conversationId", "queue", "reason", "detail", "outcome", "steps", "correlationIds");
        for (Object o : (List<?>) json.get("conversations")) {
            Map<?, ?> c = (Map<?, ?>) o;
            List<String> steps = new ArrayList<>();
            for (Object step : (List<?>) c.get("steps")) {
                Map<?, ?> st = (Map<?, ?>) step;
                steps.add(st.get("method") + " " + st.get("path") + (st.get("status") == null ? "" : " -> " + st.get("status")));
            }
            rows.row(c.get("id"), c.get("queue"), c.get("reason"), c.get("detail"), c.get("outcome"), String.join("; ", steps),
                    c.get("correlationIds"));
        }
        for (Object o : (List<?>) json.get("left")) {
            Map<?, ?> c = (Map<?, ?>) o;
            rows.row(c.get("id"), c.get("queue"), c.get("reason"), c.get("detail"), "left alone: " + c.get("leftBecause"), "", List.of());
        }
        return rows;
    }

    private static Map<String, Object> entry(Finding f) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", f.conversationId());
        entry.put("queue", f.queue());
        entry.put("reason", f.why());
        entry.put("detail", f.verdict().detail());
        return entry;
    }

    public static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
