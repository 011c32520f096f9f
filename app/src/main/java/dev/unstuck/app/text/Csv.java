package dev.unstuck.app.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows as RFC 4180 CSV: a header row, CRLF line ends, a field quoted when it holds a comma, a quote,
 * CR or LF (quotes doubled), and a cell that would run as a formula neutralised. Spreadsheets open it as
 * is; no library needed for so little.
 */
public final class Csv {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Csv(List<String> header) {
        this.header = List.copyOf(header);
    }

    public Csv(String... header) {
        this(List.of(header));
    }

    /** A row; missing fields are left empty, extra ones are a bug. */
    public Csv row(List<?> fields) {
        if (fields.size() > header.size()) {
            throw new IllegalArgumentException(fields.size() + " fields for " + header.size() + " columns");
        }
        List<String> row = new ArrayList<>(header.size());
        for (Object field : fields) {
            row.add(field == null ? "" : field.toString());
        }
        row.addAll(Collections.nCopies(header.size() - row.size(), ""));
        rows.add(row);
        return this;
    }

    public Csv row(Object... fields) {
        return row(java.util.Arrays.asList(fields));
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }

    static String field(String raw) {
        String text = neutral(raw);
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * A cell a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, or a tab or
     * CR before one) is led by a quote mark, as OWASP's CSV injection advice says: a caller's
     * {@code reason} in the audit must not run in the spreadsheet of whoever opens the export.
     */
    static String neutral(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }
}
