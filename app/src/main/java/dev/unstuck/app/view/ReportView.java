package dev.unstuck.app.view;

import dev.unstuck.app.report.Report;

import java.util.LinkedHashMap;
import java.util.Map;

/** The report ({@link Report}) as {@code GET /api/v1/report} and {@code unstuck report -o json} give it (docs/schemas/report.schema.json). */
public final class ReportView {
    private ReportView() {
    }

    /** The dashboard reads these names. */
    public static Map<String, Object> json(Report report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("org", report.org());
        out.put("since", report.since().toString());
        out.put("until", report.until().toString());
        out.put("loops", report.loops().stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flowId", l.flowId());
            m.put("flowName", l.flowName());
            m.put("queueId", l.queueId());
            m.put("queueName", l.queueName());
            m.put("guests", l.guests());
            m.put("bounces", l.bounces());
            return m;
        }).toList());
        out.put("overdue", report.overdue().stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("queueId", o.queueId());
            m.put("queueName", o.queueName());
            m.put("hourOfDay", o.hourOfDay());
            m.put("guests", o.guests());
            return m;
        }).toList());
        out.put("endingsByHour", report.endingsByHour().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hour", e.hour().toString());
            m.put("reason", e.reason());
            m.put("count", e.count());
            return m;
        }).toList());
        out.put("analyticsGhosts", report.analyticsGhosts());
        return out;
    }
}
