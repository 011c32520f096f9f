package dev.unstuck.sandbox.analytics;

import java.util.List;

/**
 * The words a details filter may use, as the official SDK's enums have them (Java SDK 198.1.0:
 * {@code SegmentDetailQueryPredicate.DimensionEnum} and {@code .MetricEnum},
 * {@code ConversationDetailQueryPredicate.DimensionEnum} and {@code .MetricEnum}). The platform refuses
 * any other with 400: notably {@code conversationId}, {@code segmentStart}, {@code participantId} and
 * {@code sessionId} are not segment dimensions, and {@code mediaType} is not a conversation dimension.
 */
record FilterVocabulary(String predicateType, List<String> dimensions, List<String> metrics) {

    static final FilterVocabulary SEGMENT = new FilterVocabulary("SegmentDetailQueryPredicate", List.of(
            "addressFrom", "addressTo", "agentAssistantId", "agentOwned", "ani", "authenticated", "bargedParticipantId",
            "callbackNumber", "callbackScheduledTime", "canonicalExternalContactId", "cleared", "coachedParticipantId",
            "conference", "deliveryStatus", "destinationAddress", "destinationConversationId", "direction", "disconnectType",
            "dnis", "edgeId", "errorCode", "exitReason", "extendedDeliveryStatus", "externalContactId",
            "externalOrganizationId", "flaggedReason", "flowId", "flowName", "flowOutType", "flowOutcome", "flowOutcomeId",
            "flowOutcomeValue", "flowVersion", "groupId", "journeyActionId", "journeyActionMapId", "journeyCustomerId",
            "journeyCustomerIdType", "journeyCustomerSessionId", "mediaCount", "mediaType", "messageType",
            "monitoredParticipantId", "outboundCampaignId", "outboundContactId", "outboundContactListId", "participantName",
            "protocolCallId", "provider", "purpose", "queueId", "recording", "remote", "remoteNameDisplayable",
            "requestedLanguageId", "requestedRouting", "requestedRoutingSkillId", "scoredAgentId", "scriptId", "segmentEnd",
            "segmentType", "sessionDnis", "sipResponseCode", "subject", "teamId", "transferTargetAddress",
            "transferTargetName", "transferType", "usedRouting", "userId", "wrapUpCode", "wrapUpNote"),
            List.of("tSegmentDuration"));

    static final FilterVocabulary CONVERSATION = new FilterVocabulary("ConversationDetailQueryPredicate", List.of(
            "conversationEnd", "conversationId", "conversationInitiator", "conversationStart", "customerParticipation",
            "divisionId", "externalTag", "mediaStatsMinConversationMos", "originatingDirection"), List.of(
            "nBlindTransferred", "nCobrowseSessions", "nConnected", "nConsult", "nConsultTransferred", "nError", "nFlow",
            "nFlowMilestone", "nFlowOutcome", "nFlowOutcomeFailed", "nOffered", "nOutbound", "nOutboundAbandoned",
            "nOutboundAttempted", "nOutboundConnected", "nOverSla", "nStateTransitionError", "nTransferred",
            "oExternalMediaCount", "oFlowMilestone", "oMediaCount", "oMessageTurn", "tAbandon", "tAcd", "tActiveCallback",
            "tActiveCallbackComplete", "tAcw", "tAgentResponseTime", "tAlert", "tAnswered", "tBarging", "tCallback",
            "tCallbackComplete", "tCoaching", "tCoachingComplete", "tConnected", "tContacting", "tConversationDuration",
            "tDialing", "tFirstConnect", "tFirstDial", "tFlow", "tFlowDisconnect", "tFlowExit", "tFlowOut", "tFlowOutcome",
            "tHandle", "tHeld", "tHeldComplete", "tIvr", "tMonitoring", "tMonitoringComplete", "tNotResponding", "tPark",
            "tParkComplete", "tShortAbandon", "tTalk", "tTalkComplete", "tUserResponseTime", "tVoicemail"));

    FilterVocabulary {
        dimensions = List.copyOf(dimensions);
        metrics = List.copyOf(metrics);
    }
}
