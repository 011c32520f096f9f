package dev.unstuck.sandbox.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why analytics refuses a request (400), as the platform's error body carries it: {@code messageWithParams}
 * with {@code {name}} placeholders and their {@code messageParams}. The wording is the sandbox's
 * (UNCONFIRMED); the shape is ErrorBody's.
 */
public record Refusal(String messageWithParams, Map<String, String> messageParams) {
    public Refusal {
        messageParams = Map.copyOf(messageParams);
    }

    public static Refusal of(String message) {
        return new Refusal(message, Map.of());
    }

    /** A value outside an enum of the SDK's model: the platform's "Value [..] is not valid for field type [..]" shape. */
    static Refusal notAllowed(String value, String fieldType, List<String> allowed) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("value", value);
        params.put("fieldType", fieldType);
        params.put("allowableValues", String.join(", ", allowed));
        return new Refusal("Value [{value}] is not valid for field type [{fieldType}]. Allowable values are: {allowableValues}", params);
    }

    /** A field the model requires is missing. */
    static Refusal missing(String field) {
        return new Refusal("The field [{field}] is required", Map.of("field", field));
    }

    public String message() {
        String m = messageWithParams;
        for (Map.Entry<String, String> e : messageParams.entrySet()) {
            m = m.replace("{" + e.getKey() + "}", e.getValue());
        }
        return m;
    }
}
