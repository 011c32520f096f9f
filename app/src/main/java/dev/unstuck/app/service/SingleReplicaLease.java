package dev.unstuck.app.service;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * With SQLite there is one replica: the first {@code serve} on a database file locks a file beside
 * it and holds every org; a second {@code serve} on the same file is refused with a clear message.
 * The operating system drops the lock when the process dies, however it dies.
 */
final class SingleReplicaLease implements OrgLeases {
    private final FileChannel channel;
    private final FileLock lock;

    private SingleReplicaLease(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lease, or empty when another {@code serve} holds the database. */
    static Optional<SingleReplicaLease> take(Path database) throws IOException {
        Path lockFile = database.resolveSibling(database.getFileName() + ".serve.lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new SingleReplicaLease(channel, lock));
        } catch (OverlappingFileLockException e) {
            channel.close();
            return Optional.empty();
        }
    }

    @Override
    public boolean tryTake(String org) {
        return lock.isValid();
    }

    @Override
    public boolean holds(String org) {
        return lock.isValid();
    }

    @Override
    public void giveUp(String org) {
        // The lock covers every org; it goes at close.
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The process is stopping; the OS drops the lock.
        }
    }
}
