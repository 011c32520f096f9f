package dev.unstuck.sandbox.notify;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which topics the sandbox serves and the permission each needs (the sandbox's choice: the fact sheet
 * leaves the per-topic permissions UNCONFIRMED). Wildcards are not served: a client subscribes per queue
 * and per conversation id.
 */
public final class TopicRules {
    public static final String QUEUE_PERMISSION = "routing:queue:view";
    public static final String DETAIL_PERMISSION = "analytics:conversationDetail:view";
    public static final List<String> DETAIL_KINDS = List.of("acd.start", "acd.end", "customer.start", "customer.end",
            "user.start", "user.end", "flow.start", "flow.end", "acw", "wrapup", "attributes");

    private static final Pattern QUEUE = Pattern.compile("v2\\.routing\\.queues\\.([^.*]+)\\.conversations\\.messages");
    private static final Pattern QUEUE_ALL_MEDIA = Pattern.compile("v2\\.routing\\.queues\\.([^.*]+)\\.conversations");
    private static final Pattern DETAIL = Pattern.compile("v2\\.detail\\.events\\.conversation\\.([^.*]+)\\.(.+)");

    private TopicRules() {}

    /** The permission a topic needs, or empty when the sandbox does not know the topic. */
    public static Optional<String> permissionFor(String topic) {
        if (QUEUE.matcher(topic).matches() || QUEUE_ALL_MEDIA.matcher(topic).matches()) {
            return Optional.of(QUEUE_PERMISSION);
        }
        var m = DETAIL.matcher(topic);
        if (m.matches() && DETAIL_KINDS.contains(m.group(2))) {
            return Optional.of(DETAIL_PERMISSION);
        }
        return Optional.empty();
    }

    /** The queue a queue topic (messages, or every media) is about. */
    public static Optional<String> queueIdOf(String topic) {
        var m = QUEUE.matcher(topic);
        if (m.matches()) {
            return Optional.of(m.group(1));
        }
        var all = QUEUE_ALL_MEDIA.matcher(topic);
        return all.matches() ? Optional.of(all.group(1)) : Optional.empty();
    }

    /** The conversation a detail topic is about. */
    public static Optional<String> conversationIdOf(String topic) {
        var m = DETAIL.matcher(topic);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The queue's conversations of every media ({@code QueueConversationEventTopicConversation}). */
    public static String queueConversationsTopic(String queueId) {
        return "v2.routing.queues." + queueId + ".conversations";
    }

    public static String queueTopic(String queueId) {
        return "v2.routing.queues." + queueId + ".conversations.messages";
    }

    /** Not a topic: {@link Channels#anySubscribed} matches it against every detail topic of the conversation. */
    public static String detailTopicPrefix(String conversationId) {
        return "v2.detail.events.conversation." + conversationId + ".";
    }

    public static String detailTopic(String conversationId, String kind) {
        return "v2.detail.events.conversation." + conversationId + "." + kind;
    }
}
