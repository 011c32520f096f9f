package dev.unstuck.app.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Folders and files that only their owner may read, where the file system has POSIX permissions: the
 * audit names conversations, operators and reasons, and ~/.unstuck may hold a config with secrets.
 * Only what this creates is restricted; an existing folder keeps the permissions its owner gave it.
 */
final class OwnerOnly {
    private OwnerOnly() {
    }

    static void createFolders(Path folder) throws IOException {
        if (posix(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
    }

    /** Creates the empty file readable by its owner only, so the database written into it is too; an existing file is left as it is. */
    static void createFile(Path file) throws IOException {
        FileAttribute<?>[] ownerOnly = posix(file.toAbsolutePath().getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try {
            Files.createFile(file, ownerOnly);
        } catch (FileAlreadyExistsException e) {
            // someone's file already: not ours to change
        }
    }

    private static boolean posix(Path near) {
        return near != null && near.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
