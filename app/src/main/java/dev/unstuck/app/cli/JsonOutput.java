package dev.unstuck.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The documents commands print: indented JSON, the same as YAML, one-line JSON (watch), and CSV rows. */
final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINES = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build()).registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final CsvMapper CSV = new CsvMapper();

    private JsonOutput() {}

    static String pretty(Object value) {
        return write(MAPPER, value);
    }

    /** One JSON object on one line, for streams (watch -o json). */
    static String line(Object value) {
        return write(LINES, value);
    }

    static String yaml(Object value) {
        return write(YAML, value);
    }

    static String csv(Rows rows) {
        if (rows.rows().isEmpty()) {
            return String.join(",", rows.header()) + "\n"; // a header alone still says what the columns are
        }
        CsvSchema.Builder schema = CsvSchema.builder();
        rows.header().forEach(schema::addColumn);
        try {
            return CSV.writer(schema.build().withHeader()).writeValueAsString(rows.rows());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print rows as CSV", e);
        }
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value.getClass().getSimpleName(), e);
        }
    }
}
