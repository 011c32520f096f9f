package dev.unstuck.app.service;

import dev.unstuck.app.store.AuditLocation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Org leases on PostgreSQL: a session advisory lock per org on a connection held for as long as the
 * org is watched. PostgreSQL releases the lock when that connection ends, so a replica killed with
 * {@code kill -9} frees its orgs as soon as the server sees its socket close; a replica that loses its
 * connection sees {@link #holds} turn false and stops watching, so two replicas never watch at once.
 */
final class AdvisoryLockLeases implements OrgLeases {
    private final AuditLocation location;
    private final Map<String, Connection> held = new ConcurrentHashMap<>();

    AdvisoryLockLeases(AuditLocation location) {
        this.location = location;
    }

    @Override
    public synchronized boolean tryTake(String org) {
        if (holds(org)) {
            return true;
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection(location.jdbcUrl());
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, key(org));
                try (ResultSet rs = lock.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        held.put(org, connection);
                        return true;
                    }
                }
            }
            connection.close();
            return false;
        } catch (SQLException e) {
            closeQuietly(connection);
            return false;
        }
    }

    @Override
    public boolean holds(String org) {
        Connection connection = held.get(org);
        if (connection == null) {
            return false;
        }
        try (Statement ping = connection.createStatement()) {
            ping.setQueryTimeout(5);
            ping.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            held.remove(org);
            closeQuietly(connection);
            return false;
        }
    }

    @Override
    public synchronized void giveUp(String org) {
        Connection connection = held.remove(org);
        if (connection != null) {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, key(org));
                unlock.execute();
            } catch (SQLException ignored) {
                // Closing the connection below releases the lock anyway.
            }
            closeQuietly(connection);
        }
    }

    @Override
    public void close() {
        held.keySet().forEach(this::giveUp);
    }

    /** A stable 64-bit key per org name, in a space of our own ("unstuck:org:" prefix). */
    static long key(String org) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("unstuck:org:" + org).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (digest[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing held on it any more.
            }
        }
    }
}
