package dev.unstuck.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line each key of a YAML document is written on, by key path, so a mistake found in the parsed
 * tree can name its line. Reading it also catches a key written twice in one mapping, which YAML
 * parsers otherwise resolve silently (the last one wins).
 */
final class KeyLines {
    /** A key written twice in one mapping. */
    record Duplicate(Place place, int firstLine, int line) {
    }

    private final Map<Place, Integer> lines;

    private KeyLines(Map<Place, Integer> lines) {
        this.lines = lines;
    }

    static KeyLines none() {
        return new KeyLines(Map.of());
    }

    /**
     * Walks every token of the document. Throws the parser's exception on a syntax error (with its
     * location) and {@link DuplicateKey} for a key written twice.
     */
    static KeyLines read(JsonParser parser) throws IOException {
        Map<Place, Integer> lines = new HashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            JsonStreamContext context = parser.getParsingContext();
            int line = parser.currentTokenLocation().getLineNr();
            if (token == JsonToken.FIELD_NAME) {
                Place place = place(context);
                Integer first = lines.putIfAbsent(place, line);
                if (first != null) {
                    throw new DuplicateKey(new Duplicate(place, first, line));
                }
            } else if (token.isStructStart() && context.getParent() != null && context.getParent().inArray()) {
                lines.putIfAbsent(place(context.getParent()), line);
            } else if (token.isScalarValue() && context.inArray()) {
                lines.putIfAbsent(place(context), line);
            }
        }
        return new KeyLines(lines);
    }

    /** The line of the key at that place, else of its nearest written parent; 0 when none is known. */
    int lineOf(Place place) {
        for (Place p = place; ; p = p.parent()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.keys().isEmpty()) {
                return 0;
            }
        }
    }

    private static Place place(JsonStreamContext context) {
        Deque<String> keys = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            keys.addFirst(c.inArray() ? String.valueOf(c.getCurrentIndex()) : String.valueOf(c.getCurrentName()));
        }
        return new Place(List.copyOf(keys));
    }

    /** Thrown while reading: a key written twice in one mapping. */
    static final class DuplicateKey extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Duplicate duplicate;

        DuplicateKey(Duplicate duplicate) {
            super("duplicate key " + duplicate.place());
            this.duplicate = duplicate;
        }

        Duplicate duplicate() {
            return duplicate;
        }
    }
}
