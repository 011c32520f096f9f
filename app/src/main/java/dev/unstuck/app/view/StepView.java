package dev.unstuck.app.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.core.engine.Step;
import dev.unstuck.core.engine.StepResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP call as every JSON output shows it: method, path, body (a JSON object, or null) and status
 * (null while only planned), with the answer's correlation ids (an array, as everywhere) and time.
 */
public final class StepView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StepView() {}

    /** A call planned, not made. */
    public static Map<String, Object> planned(Step step, String conversationId) {
        Map<String, Object> out = call(step, conversationId);
        out.put("status", null);
        out.put("correlationIds", List.of());
        return out;
    }

    /** A call made: its status (0 when nothing answered), correlation id and time. */
    public static Map<String, Object> made(StepResult result, String conversationId) {
        Map<String, Object> out = call(result.step(), conversationId);
        out.put("status", result.status());
        out.put("correlationIds", result.correlationId().isEmpty() ? List.of() : List.of(result.correlationId()));
        out.put("tookMs", result.took().toMillis());
        return out;
    }

    private static Map<String, Object> call(Step step, String conversationId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", step.method());
        out.put("path", step.path(conversationId));
        out.put("body", step.body().map(StepView::parse).orElse(null));
        return out;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a step's body is not JSON: " + body, e);
        }
    }
}
