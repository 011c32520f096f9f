package dev.unstuck.app.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows as RFC 4180 CSV with a header row, written by Jackson's CSV format (fields quoted when they hold a
 * comma, a quote or a line break; quotes doubled; CRLF line ends, as the RFC and spreadsheets expect).
 */
public final class Csv {
    private static final CsvMapper CSV = new CsvMapper();

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
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        try {
            return CSV.writer(CsvSchema.emptySchema().withLineSeparator("\r\n")).writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CSV", e);
        }
    }
}
