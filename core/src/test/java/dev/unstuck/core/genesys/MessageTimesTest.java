package dev.unstuck.core.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unstuck.core.conversation.Participant;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A leg's last message time, read from each place Genesys lists {@code MessageDetails}. */
class MessageTimesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theMessagesApiListsThemOnTheParticipant() throws Exception {
        Participant p = ApiJson.participant(JSON.readTree("""
                {"id": "p1", "purpose": "customer", "state": "connected", "startTime": "2026-11-27T10:00:00.000Z",
                 "messages": [
                   {"messageId": "m1", "messageStatus": "received", "messageSegmentCount": 1, "messageTime": "2026-11-27T10:00:00.000Z"},
                   {"messageId": "m3", "messageStatus": "received", "messageSegmentCount": 1, "messageTime": "2026-11-27T10:42:10.250Z"},
                   {"messageId": "m2", "messageStatus": "received", "messageSegmentCount": 1, "messageTime": "2026-11-27T10:20:00.000Z"}]}
                """));

        assertThat(p.lastMessage()).contains(Instant.parse("2026-11-27T10:42:10.250Z"));
        assertThat(p.times().start()).contains(Instant.parse("2026-11-27T10:00:00Z"));
    }

    @Test
    void theConversationApiListsThemUnderTheMessageCommunication() throws Exception {
        Participant p = ApiJson.participant(JSON.readTree("""
                {"id": "p1", "purpose": "customer", "startTime": "2026-11-27T10:00:00.000Z",
                 "messages": [{"id": "comm1", "state": "connected", "segments": [],
                   "messages": [{"messageId": "m1", "messageTime": "2026-11-27T10:00:00.000Z"},
                                {"messageId": "m2", "messageTime": "2026-11-27T10:05:00.000Z"}]}]}
                """));

        assertThat(p.lastMessage()).contains(Instant.parse("2026-11-27T10:05:00Z"));
        assertThat(p.active()).as("the state still comes from the communication").isTrue();
    }

    @Test
    void theQueueTopicListsThemAsReferences() {
        StreamEvent event = StreamFrames.parse("""
                {"topicName": "v2.routing.queues.q1.conversations.messages", "version": "2",
                 "eventBody": {"id": "c1", "participants": [
                   {"id": "p1", "purpose": "customer", "state": "connected", "startTime": "2026-11-27T10:00:00Z",
                    "messages": [{"message": {"id": "m1", "selfUri": "/api/v2/conversations/messages/c1/messages/m1"},
                                  "messageTime": "2026-11-27T10:07:00Z", "messageStatus": "received", "messageSegmentCount": 1}]}]}}
                """);

        assertThat(event).isInstanceOfSatisfying(StreamEvent.QueueConversation.class, q ->
                assertThat(q.conversation().participants().get(0).lastMessage()).contains(Instant.parse("2026-11-27T10:07:00Z")));
    }

    @Test
    void aLegWithoutMessagesOrWithUnreadableTimesHasNoLastMessage() throws Exception {
        assertThat(ApiJson.participant(JSON.readTree("""
                {"id": "p1", "purpose": "acd", "state": "connected", "messages": []}
                """)).lastMessage()).isEmpty();
        assertThat(ApiJson.participant(JSON.readTree("""
                {"id": "p1", "purpose": "customer", "state": "connected", "messages": [{"messageId": "m1", "messageTime": "yesterday"}]}
                """)).lastMessage()).isEmpty();
    }
}
