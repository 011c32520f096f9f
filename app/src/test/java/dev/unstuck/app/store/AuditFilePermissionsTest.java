package dev.unstuck.app.store;

import dev.unstuck.app.config.BaseDirectories;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit names conversations, operators and reasons: what unstuck creates for it, only its owner reads. */
class AuditFilePermissionsTest {
    @TempDir
    Path home;

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theDefaultAuditAndTheUnstuckFolderAreCreatedForTheOwnerOnly() throws Exception {
        assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Path folder = home.resolve(".local").resolve("share").resolve("unstuck");
        try (AuditDatabase db = AuditDatabase.open(AuditLocation.parse(new BaseDirectories(home, Map.of()).auditFile().toString()))) {
            assertThat(db.location().sqliteFile()).contains(folder.resolve("audit.db"));
        }
        assertThat(permissions(folder)).isEqualTo("rwx------");
        assertThat(permissions(folder.resolve("audit.db"))).isEqualTo("rw-------");
        try (var files = Files.list(folder)) {
            List<Path> all = files.toList();
            for (Path file : all) {
                assertThat(permissions(file)).as(file.toString()).doesNotContain("r--r").endsWith("---");
            }
        }
    }

    @Test
    void anExistingFolderKeepsThePermissionsItsOwnerGaveIt() throws Exception {
        assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Path shared = home.resolve("shared");
        Files.createDirectory(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-x---"));
        try (AuditDatabase db = AuditDatabase.open(AuditLocation.parse(shared.resolve("audit.db").toString()))) {
            assertThat(db.location().sqliteFile()).contains(shared.resolve("audit.db").toAbsolutePath());
        }
        assertThat(permissions(shared)).isEqualTo("rwxr-x---");
        assertThat(permissions(shared.resolve("audit.db"))).isEqualTo("rw-------");
    }
}
