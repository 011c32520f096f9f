package dev.unstuck.app.view;

import dev.unstuck.app.text.Table;
import dev.unstuck.core.engine.Cause;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.SkipReason;
import dev.unstuck.core.engine.StepResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the user reads of outcomes: one line each as they come, a summary, JSON, and the exit code. */
public final class OutcomeView {
    private OutcomeView() {}

    public static String line(Outcome outcome) {
        String id = outcome.conversationId();
        StringBuilder out = new StringBuilder();
        if (outcome instanceof Outcome.Ended ended) {
            out.append("ended    ").append(id);
            if (ended.alreadyEnded()) {
                out.append("  (already ended: nothing to do)");
            } else {
                out.append("  (").append(ended.steps().size()).append(" step").append(ended.steps().size() == 1 ? "" : "s")
                        .append(", ").append(ended.took().toMillis()).append(" ms)");
            }
            out.append('\n');
            for (StepResult step : ended.steps()) {
                out.append("         ").append(step.step().httpCall(id)).append(" -> ").append(step.status() == 0 ? "no answer" : step.status())
                        .append(step.correlationId().isEmpty() ? "" : "  [" + step.correlationId() + "]").append('\n');
            }
        } else if (outcome instanceof Outcome.NotFound) {
            out.append("NOT FOUND ").append(id).append("  Genesys does not know this conversation (wrong id, org or region, or too old); nothing done\n");
        } else if (outcome instanceof Outcome.Skipped skipped) {
            out.append("skipped  ").append(id).append("  ").append(skipped.reason().sentence()).append('\n');
        } else if (outcome instanceof Outcome.Planned planned) {
            out.append("plan     ").append(id).append(" (dry run, nothing changed)\n");
            for (String l : ConversationView.plan(id, planned.plan()).split("\n")) {
                out.append("         ").append(l).append('\n');
            }
        } else if (outcome instanceof Outcome.Failed failed) {
            out.append("FAILED   ").append(id).append("  ").append(explain(failed.cause())).append('\n');
        }
        return out.toString();
    }

    public static String explain(Cause cause) {
        if (cause instanceof Cause.PermissionMissing p) {
            return "403: OAuth client " + p.clientId() + " lacks " + String.join(", ", p.permissions()) + ". " + p.fix();
        }
        if (cause instanceof Cause.Conflict c) {
            return "409: " + c.detail();
        }
        if (cause instanceof Cause.Unreachable u) {
            return "unreachable: " + u.detail();
        }
        if (cause instanceof Cause.ApiError a) {
            return a.status() + " " + a.code() + ": " + a.message();
        }
        if (cause instanceof Cause.StillActive s) {
            return "still active after the steps: " + s.detail();
        }
        return cause.toString();
    }

    public static boolean isUnreachable(Outcome outcome) {
        return outcome instanceof Outcome.Failed f && f.cause() instanceof Cause.Unreachable;
    }

    public static Table table(List<Outcome> outcomes, int asked) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            counts.merge(label(o), 1, Integer::sum);
        }
        if (outcomes.size() < asked) {
            counts.put("not attempted (stopped: the failure above meets every call)", asked - outcomes.size());
        }
        Table table = new Table("outcome", "conversations");
        counts.forEach(table::row);
        return table;
    }

    /**
     * Another run or person ended it, or is ending it, before this one acted: found already ended, held
     * by another unstuck run, or its queue leg disconnected by someone else. Not a failure and not left alone.
     */
    public static boolean bySomeoneElse(Outcome o) {
        if (o instanceof Outcome.Ended e) {
            return e.alreadyEnded();
        }
        return o instanceof Outcome.Skipped s
                && (s.reason() == SkipReason.ENDING_ELSEWHERE || s.reason() == SkipReason.IN_HAND_ELSEWHERE);
    }

    public static String label(Outcome o) {
        if (o instanceof Outcome.Ended e) {
            return e.alreadyEnded() ? "already ended" : "ended";
        }
        if (o instanceof Outcome.Skipped s && s.reason() == SkipReason.ENDING_ELSEWHERE) {
            return "being ended by someone else";
        }
        if (o instanceof Outcome.Skipped s && s.reason() == SkipReason.IN_HAND_ELSEWHERE) {
            return "being ended by another run";
        }
        if (o instanceof Outcome.Skipped s) {
            return "skipped: " + s.reason().name().toLowerCase().replace('_', ' ');
        }
        if (o instanceof Outcome.NotFound) {
            return "not found";
        }
        if (o instanceof Outcome.Planned) {
            return "planned (dry run)";
        }
        Cause cause = ((Outcome.Failed) o).cause();
        if (cause instanceof Cause.PermissionMissing) {
            return "failed: permission missing";
        }
        if (cause instanceof Cause.Unreachable) {
            return "failed: unreachable";
        }
        if (cause instanceof Cause.ApiError a) {
            return "failed: API error " + a.status();
        }
        return cause instanceof Cause.Conflict ? "failed: conflict" : "failed: still active";
    }

    /** One outcome as `end -o json` prints it (docs/schemas/end.schema.json), and the service answers it. */
    public static Map<String, Object> json(Outcome o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", o.conversationId());
        out.put("outcome", label(o));
        out.put("skipReason", o instanceof Outcome.Skipped s ? s.reason().name() : null);
        out.put("error", o instanceof Outcome.Failed f ? explain(f.cause()) : null);
        out.put("plan", o instanceof Outcome.Planned p ? ConversationView.planJson(o.conversationId(), p.plan()) : null);
        out.put("steps", o.steps().stream().map(s -> StepView.made(s, o.conversationId())).toList());
        out.put("tookMs", o.took().toMillis());
        out.put("correlationIds", o.correlationIds());
        return out;
    }

    /** The outcomes as `end -o csv` prints them: one row each. */
    public static Rows rows(List<Outcome> outcomes) {
        Rows rows = new Rows("conversationId", "outcome", "skipReason", "error", "steps", "tookMs", "correlationIds");
        for (Outcome o : outcomes) {
            rows.row(o.conversationId(), label(o), o instanceof Outcome.Skipped s ? s.reason().name() : "",
                    o instanceof Outcome.Failed f ? explain(f.cause()) : "",
                    String.join("; ", o.steps().stream().map(s -> s.step().method() + " " + s.step().path(o.conversationId())
                            + " -> " + s.status()).toList()),
                    o.took().toMillis(), o.correlationIds());
        }
        return rows;
    }
}
