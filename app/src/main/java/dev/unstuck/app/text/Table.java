package dev.unstuck.app.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with a header row and aligned columns, for terminals and logs alike. Given a width
 * (a terminal's columns), the widest columns give way first and long cells end with an ellipsis.
 */
public final class Table {
    private static final String SEPARATOR = "  ";
    private static final String ELLIPSIS = "\u2026";
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final int[] keep;

    public Table(String... header) {
        this.header = List.of(header);
        this.keep = new int[header.length];
    }

    /**
     * Keeps a column at least {@code width} wide (or its own width, if narrower) while others can give
     * way: an id's first characters or a name tell more than the first characters of a sentence.
     */
    public Table keep(int column, int width) {
        keep[column] = width;
        return this;
    }

    public Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header has " + header.size());
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null ? "" : String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        return render(Integer.MAX_VALUE);
    }

    /** The table in at most {@code maxWidth} columns (as far as one character per column allows). */
    public String render(int maxWidth) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        fit(widths, maxWidth, keep);
        fit(widths, maxWidth, new int[widths.length]);
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(out, rule, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    /** Narrows the widest column above its floor, one character at a time, until the row fits or none can give way. */
    private static void fit(int[] widths, int maxWidth, int[] floors) {
        int total = SEPARATOR.length() * (widths.length - 1);
        for (int w : widths) {
            total += w;
        }
        while (total > maxWidth) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                if (widths[i] > Math.max(1, floors[i]) && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                return;
            }
            widths[widest]--;
            total--;
        }
    }

    private static String cut(String cell, int width) {
        return cell.length() <= width ? cell : cell.substring(0, width - 1) + ELLIPSIS;
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(SEPARATOR);
            }
            String cell = cut(cells.get(i), widths[i]);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length()));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
