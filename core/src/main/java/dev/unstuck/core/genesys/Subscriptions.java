package dev.unstuck.core.genesys;

import java.util.List;
import java.util.Objects;

/**
 * What a subscription call did, topic by topic. Subscribing never fails for a topic the OAuth client
 * may not see (it asks with {@code ignoreErrors=true}), so a caller learns here which ones it will not
 * hear about, and which permission would fix it.
 *
 * @param permitted topics the channel now carries
 * @param rejected topics it does not, with why
 */
public record Subscriptions(List<String> permitted, List<Rejection> rejected) {

    public Subscriptions {
        permitted = List.copyOf(permitted);
        rejected = List.copyOf(rejected);
    }

    static final Subscriptions NONE = new Subscriptions(List.of(), List.of());

    /**
     * A topic Genesys would not subscribe.
     *
     * @param reason Genesys' {@code rejectionReason} (e.g. {@code Missing permission: routing:queue:view})
     * @param missingPermissions permissions the client lacks for it; empty when that was not the reason
     *     (unknown topic) or Genesys did not say
     */
    public record Rejection(String topic, String reason, List<String> missingPermissions) {

        public Rejection {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(reason, "reason");
            missingPermissions = List.copyOf(missingPermissions);
        }
    }
}
