package dev.unstuck.core.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unstuck.core.conversation.LegState;
import dev.unstuck.core.conversation.Participant;
import dev.unstuck.core.conversation.Purpose;
import dev.unstuck.core.genesys.StreamEvent.ConversationEvent;
import dev.unstuck.core.genesys.StreamEvent.Heartbeat;
import dev.unstuck.core.genesys.StreamEvent.NoLongerSubscribed;
import dev.unstuck.core.genesys.StreamEvent.Other;
import dev.unstuck.core.genesys.StreamEvent.Pong;
import dev.unstuck.core.genesys.StreamEvent.QueueConversation;
import dev.unstuck.core.genesys.StreamEvent.SocketClosing;
import dev.unstuck.core.genesys.StreamEvent.TokenRevoked;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Frames as Genesys (and the sandbox) write them, read without a socket. */
class StreamFramesTest {

    @Test
    void readsTheQueueTopicsParticipantsWithTheirOwnStateAndTimes() {
        StreamEvent event = StreamFrames.parse("""
                {"topicName":"v2.routing.queues.q1.conversations.messages","version":"2","metadata":{"CorrelationId":"x"},
                 "eventBody":{"id":"c1","participants":[
                   {"id":"p1","name":"Guest","startTime":"2026-01-01T10:00:00Z","connectedTime":"2026-01-01T10:00:00Z",
                    "purpose":"customer","state":"connected","direction":"inbound","held":false,"wrapupRequired":false,"messages":[]},
                   {"id":"p2","startTime":"2026-01-01T10:00:05Z","connectedTime":"2026-01-01T10:00:05Z","endTime":"2026-01-01T10:05:00Z",
                    "purpose":"acd","state":"disconnected","disconnectType":"transfer","queue":{"id":"q1"},"messages":[]},
                   {"id":"p3","startTime":"2026-01-01T10:04:50Z","connectedTime":"2026-01-01T10:05:00Z",
                    "purpose":"agent","state":"connected","user":{"id":"u1"},"wrapupRequired":true,"messages":[]}]}}
                """);

        assertThat(event).isInstanceOf(QueueConversation.class);
        QueueConversation q = (QueueConversation) event;
        assertThat(q.queueId()).isEqualTo("q1");
        assertThat(q.conversation().id()).isEqualTo("c1");
        assertThat(q.conversation().startTime()).contains(Instant.parse("2026-01-01T10:00:00Z"));
        Participant acd = q.conversation().participants().get(1);
        assertThat(acd.purpose()).isEqualTo(Purpose.ACD);
        assertThat(acd.state()).isEqualTo(LegState.DISCONNECTED);
        assertThat(acd.queueId()).contains("q1");
        assertThat(acd.times().end()).contains(Instant.parse("2026-01-01T10:05:00Z"));
        Participant agent = q.conversation().participants().get(2);
        assertThat(agent.state()).isEqualTo(LegState.CONNECTED);
        assertThat(agent.userId()).contains("u1");
        assertThat(agent.times().connected()).contains(Instant.parse("2026-01-01T10:05:00Z"));
    }

    @Test
    void readsADetailEventKeepingItsDisconnectTypeAsGiven() {
        StreamEvent event = StreamFrames.parse("""
                {"topicName":"v2.detail.events.conversation.c1.user.end","version":"2",
                 "eventBody":{"eventTime":1767261600000,"conversationId":"c1","participantId":"p3","queueId":"q1","userId":"u1",
                              "disconnectType":"TRANSFER","mediaType":"MESSAGE"}}
                """);

        assertThat(event).isEqualTo(new ConversationEvent("c1", "user.end", "p3", Optional.of("q1"), Optional.of("u1"),
                Optional.of("TRANSFER"), Instant.ofEpochMilli(1767261600000L)));
    }

    @Test
    void readsTheChannelsOwnMessages() {
        assertThat(StreamFrames.parse("{\"topicName\":\"channel.metadata\",\"eventBody\":{\"message\":\"WebSocket Heartbeat\"}}"))
                .isEqualTo(new Heartbeat());
        assertThat(StreamFrames.parse("{\"topicName\":\"channel.metadata\",\"eventBody\":{\"message\":\"pong\"}}")).isEqualTo(new Pong());
        assertThat(StreamFrames.parse("{\"topicName\":\"v2.system.socket_closing\",\"eventBody\":{}}")).isEqualTo(new SocketClosing());
        assertThat(StreamFrames.parse("{\"topicName\":\"v2.system.token_revoked.ch1\",\"eventBody\":{}}")).isEqualTo(new TokenRevoked());
        assertThat(StreamFrames.parse("{\"topicName\":\"v2.system.no_longer_subscribed.ch1\",\"eventBody\":{\"channelId\":\"ch1\",\"message\":\"gone\"}}"))
                .isEqualTo(new NoLongerSubscribed());
    }

    @Test
    void readsThePlatforms404FrameAsTheChannelGone() {
        assertThat(StreamFrames.parse("{\"result\":\"404\",\"message\":\"Channel ch1 not found\"}"))
                .isEqualTo(new StreamEvent.ChannelGone("Channel ch1 not found"));
        assertThat(StreamFrames.parse("{\"result\":\"200\",\"status\":\"subscribed\"}")).as("a socket-side subscription's answer")
                .isEqualTo(new Other(""));
    }

    @Test
    void turnsUnknownAndMalformedFramesIntoOther() {
        assertThat(StreamFrames.parse("not json")).isEqualTo(new Other(""));
        assertThat(StreamFrames.parse("[1,2]")).isEqualTo(new Other(""));
        assertThat(StreamFrames.parse("{\"eventBody\":{}}")).isEqualTo(new Other(""));
        assertThat(StreamFrames.parse("{\"topicName\":\"v2.users.u1.presence\",\"eventBody\":{}}")).isEqualTo(new Other("v2.users.u1.presence"));
        assertThat(StreamFrames.parse("{\"topicName\":\"channel.metadata\",\"eventBody\":{\"message\":\"hello\"}}"))
                .isEqualTo(new Other("channel.metadata"));
        assertThat(StreamFrames.parse("{\"topicName\":\"v2.routing.queues.q1.conversations.messages\",\"eventBody\":\"oops\"}"))
                .isEqualTo(new Other("v2.routing.queues.q1.conversations.messages"));
        assertThat(StreamFrames.parse("{\"topicName\":\"v2.detail.events.conversation.c1.acd.end\",\"eventBody\":{\"participantId\":\"p\"}}"))
                .isEqualTo(new Other("v2.detail.events.conversation.c1.acd.end"));
    }
}
