package dev.unstuck.core.genesys;

import java.util.List;

/** One page of a details query and how many conversations matched in all. */
public record DetailsPage(List<ConversationDetail> conversations, int totalHits) {

    public DetailsPage {
        conversations = List.copyOf(conversations);
    }
}
