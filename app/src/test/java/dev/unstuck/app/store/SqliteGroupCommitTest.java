package dev.unstuck.app.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteGroupCommitTest extends GroupCommitContract {
    @TempDir
    Path dir;

    @Override
    AuditLocation freshLocation() {
        return AuditLocation.parse(dir.resolve("audit.db").toString());
    }
}
