package dev.unstuck.app.cli;

/** How a command prints its results: {@code -o table|wide|json|yaml|csv}, as kubectl and gc spell them. */
enum OutputFormat {
    /** Aligned columns fitted to the terminal's width, long cells cut with an ellipsis. */
    table,
    /** The same table with nothing cut. */
    wide,
    /** The command's documented JSON shape (docs/schemas/COMMAND.schema.json). */
    json,
    /** The same document as YAML. */
    yaml,
    /** One row per result, with a header: what the table shows, uncut, for spreadsheets and scripts. */
    csv;

    boolean isTable() {
        return this == table || this == wide;
    }
}
