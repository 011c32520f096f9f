package dev.unstuck.app.cli;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The output schemas as they lie in the repository (docs/schemas); their relative $refs resolve beside them. */
final class Schemas {
    private static final Path DIR = Path.of("..", "docs", "schemas").toAbsolutePath().normalize();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(Schemas::file));

    private Schemas() {}

    /** What in {@code json} breaks docs/schemas/NAME.schema.json, one message each; empty when it is valid. */
    static List<String> violations(String name, String json) {
        return REGISTRY.getSchema(SchemaLocation.of(DIR.resolve(name + ".schema.json").toUri().toString()))
                .validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }

    private static String file(String iri) {
        if (!iri.startsWith("file:")) {
            return null;
        }
        try {
            return Files.readString(Path.of(URI.create(iri)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
