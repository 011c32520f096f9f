package dev.unstuck.app.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a probe saw, as written to its file ({@code {"unstuckProbe": 1, recordedAt, calls[{name, call,
 * status, shape}], settles}}): no ids, names, values or secrets, so it can be shared; and the comparison of
 * two. {@code settles} holds what settles UNCONFIRMED rows of docs/fidelity.md, as deltas and shapes
 * ({@link Probe#settle}); an empty object when not asked for (the sandbox's side of a comparison).
 */
public record ProbeRecord(Instant recordedAt, List<Probe.Seen> calls, JsonNode settles) {
    public static final int VERSION = 1;

    public ProbeRecord {
        calls = List.copyOf(calls);
        settles = settles == null || settles.isMissingNode() || settles.isNull() ? JsonNodeFactory.instance.objectNode()
                : settles.deepCopy();
    }

    public ProbeRecord(Instant recordedAt, List<Probe.Seen> calls) {
        this(recordedAt, calls, JsonNodeFactory.instance.objectNode());
    }

    public JsonNode toJson(ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        out.put("unstuckProbe", VERSION);
        out.put("recordedAt", recordedAt.toString());
        ArrayNode list = out.putArray("calls");
        for (Probe.Seen s : calls) {
            ObjectNode c = list.addObject().put("name", s.name()).put("call", s.call()).put("status", s.status());
            c.set("shape", s.shape().orElse(json.nullNode()));
        }
        out.set("settles", settles.deepCopy());
        return out;
    }

    /** A record read back from its file; empty with the reason when it is not one. */
    public static ProbeRecord fromJson(JsonNode node) {
        if (node == null || node.path("unstuckProbe").asInt(0) != VERSION || !node.path("calls").isArray()) {
            throw new IllegalArgumentException("not a probe file (no \"unstuckProbe\": " + VERSION + " with calls[]); write one with unstuck probe --out FILE");
        }
        List<Probe.Seen> calls = new ArrayList<>();
        for (JsonNode c : node.path("calls")) {
            JsonNode shape = c.path("shape");
            calls.add(new Probe.Seen(c.path("name").asText(""), c.path("call").asText(""), c.path("status").asInt(0),
                    shape.isNull() || shape.isMissingNode() ? Optional.empty() : Optional.of(shape)));
        }
        Instant at;
        try {
            at = Instant.parse(node.path("recordedAt").asText(""));
        } catch (java.time.format.DateTimeParseException e) {
            at = Instant.EPOCH;
        }
        return new ProbeRecord(at, calls, node.path("settles"));
    }

    /** The differences of one call: its status, then its shape, seen from this record ({@code real}) and the other ({@code sandbox}). */
    public record CallDifferences(String name, String call, List<String> differences) {
    }

    public List<CallDifferences> compare(ProbeRecord sandbox) {
        Map<String, Probe.Seen> theirs = new LinkedHashMap<>();
        sandbox.calls().forEach(s -> theirs.put(s.name(), s));
        List<CallDifferences> out = new ArrayList<>();
        for (Probe.Seen mine : calls) {
            Probe.Seen other = theirs.remove(mine.name());
            List<String> diffs = new ArrayList<>();
            if (other == null) {
                diffs.add("made against the real org only (the sandbox's answers gave no id to make it with)");
            } else {
                if (mine.status() != other.status()) {
                    diffs.add("status: real org " + mine.status() + " vs sandbox " + other.status());
                }
                if (mine.shape().isPresent() && other.shape().isPresent()) {
                    diffs.addAll(Shapes.differences("", mine.shape().get(), other.shape().get(), "the real org", "the sandbox"));
                } else if (mine.shape().isPresent() != other.shape().isPresent()) {
                    diffs.add("body: " + (mine.shape().isPresent() ? "only the real org" : "only the sandbox") + " answered JSON");
                }
            }
            if (!diffs.isEmpty()) {
                out.add(new CallDifferences(mine.name(), mine.call(), diffs));
            }
        }
        theirs.values().forEach(s -> out.add(new CallDifferences(s.name(), s.call(),
                List.of("made against the sandbox only (the real org's answers gave no id to make it with)"))));
        return out;
    }
}
