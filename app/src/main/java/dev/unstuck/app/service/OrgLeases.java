package dev.unstuck.app.service;

/**
 * Which replica watches which org. Each org's detection runs on exactly one replica at a time; when
 * the holder dies, another takes the org over. API requests need no lease: any replica serves them.
 */
public interface OrgLeases extends AutoCloseable {

    /** Tries to take the org; answers whether this replica holds it now. */
    boolean tryTake(String org);

    /** Whether this replica still holds the org (a lost database connection loses it). */
    boolean holds(String org);

    /** Gives the org up (shutdown). */
    void giveUp(String org);

    @Override
    void close();
}
