package dev.unstuck.app.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.unstuck.app.text.Csv;

/** The documents commands print: indented JSON, the same as YAML, one-line JSON (watch), and CSV rows. */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINES = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build()).registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonOutput() {}

    public static String pretty(Object value) {
        return write(MAPPER, value);
    }

    /** One JSON object on one line, for streams (watch -o json). */
    public static String line(Object value) {
        return write(LINES, value);
    }

    public static String yaml(Object value) {
        return write(YAML, value);
    }

    /** RFC 4180, with the header even when there is no row: the app's one CSV writer, the service's export's too. */
    public static String csv(Rows rows) {
        Csv csv = new Csv(rows.header());
        rows.rows().forEach(row -> csv.row(new java.util.ArrayList<>(row.values())));
        return csv.render();
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value.getClass().getSimpleName(), e);
        }
    }
}
