package dev.unstuck.app.view;

import dev.unstuck.app.text.Table;
import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.engine.Inspection;
import dev.unstuck.core.engine.Plan;
import dev.unstuck.core.engine.Step;
import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.GenesysException;
import dev.unstuck.core.genesys.QueueInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a conversation and its plan look to a user: a table of legs and numbered steps, or JSON. */
public final class ConversationView {
    private final Map<String, String> queueNames;

    public ConversationView(Map<String, String> queueNames) {
        this.queueNames = queueNames;
    }

    public String legs(Conversation conversation) {
        return legsTable(conversation).render();
    }

    public Table legsTable(Conversation conversation) {
        Table table = new Table("#", "purpose", "state", "queue", "agent", "wrap-up", "participant");
        int n = 1;
        for (Participant p : conversation.participants()) {
            table.row(n++, p.purpose().name().toLowerCase(), p.state().name().toLowerCase(),
                    p.queueId().map(this::queue).orElse(""), p.name().or(p::userId).orElse(""),
                    p.wrapupPending() ? "pending" : p.wrapupRequired() ? "required" : "", p.id());
        }
        return table;
    }

    public static String plan(String conversationId, Plan plan) {
        StringBuilder out = new StringBuilder();
        if (plan instanceof Plan.Skip skip) {
            out.append("Plan: leave it alone: ").append(skip.reason().sentence()).append('\n');
        } else if (plan instanceof Plan.Steps steps) {
            out.append("Plan: ").append(steps.steps().size()).append(" step").append(steps.steps().size() == 1 ? "" : "s").append('\n');
            int n = 1;
            for (Step step : steps.steps()) {
                out.append("  ").append(n++).append(". ").append(step.httpCall(conversationId)).append('\n');
            }
        }
        return out.toString();
    }

    public Map<String, Object> json(Conversation conversation, Plan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", conversation.id());
        root.put("startTime", conversation.startTime().map(Object::toString).orElse(null));
        root.put("endTime", conversation.endTime().map(Object::toString).orElse(null));
        List<Map<String, Object>> legs = new ArrayList<>();
        for (Participant p : conversation.participants()) {
            Map<String, Object> leg = new LinkedHashMap<>();
            leg.put("participantId", p.id());
            leg.put("purpose", p.purpose().name().toLowerCase());
            leg.put("state", p.state().name().toLowerCase());
            leg.put("queueId", p.queueId().orElse(null));
            leg.put("queueName", p.queueId().map(queueNames::get).orElse(null));
            leg.put("userId", p.userId().orElse(null));
            leg.put("name", p.name().orElse(null));
            leg.put("wrapupRequired", p.wrapupRequired());
            leg.put("wrapupPending", p.wrapupPending());
            legs.add(leg);
        }
        root.put("legs", legs);
        root.put("plan", planJson(conversation.id(), plan));
        return root;
    }

    public static Map<String, Object> planJson(String conversationId, Plan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (plan instanceof Plan.Skip skip) {
            out.put("action", "skip");
            out.put("skipReason", skip.reason().name());
            out.put("explanation", skip.reason().sentence());
            out.put("steps", List.of());
        } else if (plan instanceof Plan.Steps steps) {
            out.put("action", "end");
            out.put("steps", steps.steps().stream().map(s -> StepView.planned(s, conversationId)).toList());
        }
        return out;
    }

    /** The legs as `inspect -o csv` prints them: one row per leg, with its conversation and the plan's action. */
    public void rows(Rows rows, Conversation conversation, Plan plan) {
        String action = plan instanceof Plan.Skip skip ? "skip: " + skip.reason().name() : "end";
        for (Participant p : conversation.participants()) {
            rows.row(conversation.id(), p.id(), p.purpose().name().toLowerCase(), p.state().name().toLowerCase(), p.queueId().orElse(""),
                    p.queueId().map(queueNames::get).orElse(""), p.userId().orElse(""), p.name().orElse(""), p.wrapupRequired(),
                    p.wrapupPending(), action);
        }
    }

    public static Rows rows() {
        return new Rows("conversationId", "participantId", "purpose", "state", "queueId", "queueName", "userId", "name",
                "wrapupRequired", "wrapupPending", "plan");
    }

    private String queue(String id) {
        String name = queueNames.get(id);
        return name == null ? id : name;
    }

    /** A conversation Genesys does not know, as `inspect -o json` lists it (docs/schemas/inspect.schema.json). */
    public static Map<String, Object> notFound(String id) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("found", false);
        document.put("id", id);
        return document;
    }

    /** A view with the org's queue names: they make the table readable; without routing:queue:view the ids do. */
    public static ConversationView of(GenesysClient client) {
        Map<String, String> names = new HashMap<>();
        try {
            for (QueueInfo q : client.queues()) {
                names.put(q.id(), q.name());
            }
        } catch (GenesysException e) {
            // not worth failing an inspection over: the ids are shown instead
        }
        return new ConversationView(names);
    }

    /** An inspection as {@code inspect -o json} prints each document and the service answers it. */
    public static Map<String, Object> json(GenesysClient client, Inspection inspection) {
        if (inspection instanceof Inspection.Found found) {
            return of(client).json(found.conversation(), found.plan());
        }
        return notFound(((Inspection.NotFound) inspection).id());
    }
}
