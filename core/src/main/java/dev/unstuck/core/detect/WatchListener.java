package dev.unstuck.core.detect;

import dev.unstuck.core.engine.Outcome;

/** What a watch tells as it goes: for logs, metrics and tests. Called from the watch's own thread. */
public interface WatchListener {

    WatchListener SILENT = new WatchListener() {
    };

    /** Subscribed to these queues on a new channel (after a start or a reconnect). */
    default void connected(String channelId, int queues) {
    }

    /** The stream broke (dropped socket, socket closing, subscriptions lost); the watch reconnects and rescans. */
    default void disconnected(String why) {
    }

    /** A reconciliation scan ran and tracks this many guests. */
    default void scanned(int tracked) {
    }

    default void handled(Finding finding, Outcome outcome) {
    }

    /** The engine's look found an analytics ghost (listed open, yet over): remembered, and no ending. */
    default void ghost(AnalyticsGhost ghost) {
    }

    /** The hourly limit is reached; guests that cross a rule wait for the next hour. */
    default void limitReached(int limit) {
    }

    /** Something failed that the watch rides out (unreachable, 5xx): it retries. */
    default void trouble(String what) {
    }
}
