package dev.unstuck.core.detect;

import dev.unstuck.core.genesys.GenesysClient;
import dev.unstuck.core.genesys.NotificationChannel;
import dev.unstuck.core.genesys.StreamEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A watch's notification channels: the one in use and the one it replaced, which stays open until
 * Genesys closes it, and when to open the next after a loss. Not thread-safe: the watch's thread only.
 */
final class ChannelKeeper {

    /** An event and the channel it came on, so events of a channel left behind are told apart. */
    record Arrival(NotificationChannel channel, StreamEvent event) { }

    /** Where an arrival came from. */
    enum Source { CURRENT, RETIRING, GONE }

    /** A channel that stayed this long served well: its loss is replaced at once. */
    private static final Duration HEALTHY = Duration.ofMinutes(1);

    private final GenesysClient client;
    private final Clock clock;
    private final Backoff reconnects;
    private NotificationChannel channel;
    /** The channel before {@link #channel}, open until Genesys closes it: what it still carries is news too. */
    private NotificationChannel retiring;
    private Instant connectedAt = Instant.MIN;

    /** @param reconnectDelay first wait before retrying a failed channel (doubles up to a minute, jittered) */
    ChannelKeeper(GenesysClient client, Clock clock, Duration reconnectDelay) {
        this.client = client;
        this.clock = clock;
        this.reconnects = Backoff.upToAMinute(reconnectDelay, true);
    }

    /**
     * Opens, subscribes and connects a new channel before letting go of the old one, which stays open
     * until Genesys closes it: across a planned switch (the socket announced closing, its token about to
     * expire) every event reaches one channel or the other. The new channel gets a fresh token (see
     * {@link GenesysClient#openChannel()}), so it outlives the old one's notice.
     *
     * @return the new channel's id
     */
    String open(List<String> topics, Consumer<Arrival> inbox) {
        NotificationChannel opened = client.openChannel();
        try {
            opened.subscribe(topics);
            opened.connect(event -> inbox.accept(new Arrival(opened, event)));
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        if (retiring != null) {
            retiring.close();
        }
        retiring = channel;
        channel = opened;
        connectedAt = clock.instant();
        return opened.id();
    }

    Source sourceOf(Arrival arrival) {
        if (arrival.channel() == channel) {
            return Source.CURRENT;
        }
        return arrival.channel() == retiring ? Source.RETIRING : Source.GONE;
    }

    /** Genesys closed the channel left behind: it carries nothing more. */
    void retired() {
        if (retiring != null) {
            retiring.close();
            retiring = null;
        }
    }

    /** The wait before the next channel after a channel could not be opened. */
    Duration afterFailedOpen() {
        return reconnects.next();
    }

    /** The wait before the next channel after the stream broke: none after a channel that served for a minute. */
    Duration afterLoss() {
        if (Duration.between(connectedAt, clock.instant()).compareTo(HEALTHY) >= 0) {
            reconnects.reset();
        }
        return reconnects.next();
    }

    void close() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        retired();
    }
}
