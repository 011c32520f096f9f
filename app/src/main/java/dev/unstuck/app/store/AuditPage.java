package dev.unstuck.app.store;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One page of the audit, newest first, and where the next begins: the id of this page's last row, to
 * ask for the rows before it ({@link AuditQuery#before}); empty on the last page. Keyset paging: rows
 * written while a reader pages never shift its pages.
 */
public record AuditPage(List<Row> rows, OptionalLong nextBefore) {

    public AuditPage {
        rows = List.copyOf(rows);
        Objects.requireNonNull(nextBefore, "nextBefore");
    }

    /** An entry with the id the database gave it. */
    public record Row(long id, AuditEntry entry) {

        public Row {
            Objects.requireNonNull(entry, "entry");
        }
    }
}
