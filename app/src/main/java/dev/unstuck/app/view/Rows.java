package dev.unstuck.app.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A command's results as flat rows with named columns, for {@code -o csv}. Lists become space-separated cells. */
public final class Rows {
    private final List<String> header;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    public Rows(String... header) {
        this.header = List.of(header);
    }

    public Rows row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header has " + header.size());
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            row.put(header.get(i), cell(cells[i]));
        }
        rows.add(row);
        return this;
    }

    public List<String> header() {
        return header;
    }

    public List<Map<String, Object>> rows() {
        return rows;
    }

    private static Object cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof java.util.Optional<?> optional) {
            return optional.map(Rows::cell).orElse("");
        }
        if (value instanceof java.util.OptionalInt optional) {
            return optional.isPresent() ? optional.getAsInt() : "";
        }
        if (value instanceof Iterable<?> many) {
            List<String> parts = new ArrayList<>();
            many.forEach(v -> parts.add(String.valueOf(v)));
            return String.join(" ", parts);
        }
        if (value instanceof Object[] many) {
            return cell(Arrays.asList(many));
        }
        return value instanceof Number || value instanceof Boolean ? value : String.valueOf(value);
    }
}
