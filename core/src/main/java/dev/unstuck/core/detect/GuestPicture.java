package dev.unstuck.core.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guests a watch follows, as the stream and the scans show them, and those it handed to the
 * engine: events still in flight about a guest handed over are not news, unless the guest changed.
 * Thread-safe: the watch's thread writes, a service reads from any.
 */
final class GuestPicture {

    private final Policy policy;
    private final Map<String, Guest> tracked = new LinkedHashMap<>();
    /** Guests handed to the engine, as they were then. */
    private final Map<String, Guest> handedOver = new BoundedMap<>(10_000);
    /**
     * Guests a drain round listed, of whom the stream has shown no news since: they come after the others,
     * so a queue's backlog of thousands does not hold up a guest the stream shows crossing a rule now.
     */
    private final Set<String> fromDrain = new HashSet<>();

    GuestPicture(Policy policy) {
        this.policy = policy;
    }

    /** What the stream shows of a guest: it replaces what was known, keeping the flow the guest passed through. */
    synchronized void streamed(Guest guest) {
        Guest before = handedOver.get(guest.conversationId());
        boolean news = before == null || !before.ended() && !before.sameState(guest);
        if (guest.ended()) {
            tracked.remove(guest.conversationId());
            fromDrain.remove(guest.conversationId());
        } else if (news) {
            fromDrain.remove(guest.conversationId());
            handedOver.remove(guest.conversationId());
            Guest earlier = tracked.get(guest.conversationId());
            tracked.put(guest.conversationId(), earlier == null ? guest : guest.knowingFlowOf(earlier));
        }
    }

    /** What a scan found: the stream's picture is fresher where it has one; the scan adds what the stream missed. */
    synchronized void scanned(List<Guest> guests) {
        for (Guest scanned : guests) {
            Guest before = handedOver.get(scanned.conversationId());
            if (before == null || !before.ended()) {
                tracked.merge(scanned.conversationId(), scanned, (streamed, fromScan) -> streamed.knowingFlowOf(fromScan));
            }
        }
    }

    /** What a drain round listed (guests waiting past {@code maxWait}): as a scan's, handed over after the stream's. */
    synchronized void drained(List<Guest> guests) {
        List<String> known = guests.stream().map(Guest::conversationId).filter(tracked::containsKey).toList();
        scanned(guests);
        for (Guest guest : guests) {
            // A guest the stream or a scan showed before keeps its place.
            if (tracked.containsKey(guest.conversationId()) && !known.contains(guest.conversationId())) {
                fromDrain.add(guest.conversationId());
            }
        }
    }

    /** The guests that cross a rule at {@code now}, oldest first, those only a drain round listed last. */
    synchronized List<Finding> due(Instant now) {
        List<Finding> due = new ArrayList<>();
        for (Guest guest : tracked.values()) {
            Verdict verdict = Classifier.classify(guest, policy, now);
            if (verdict instanceof Verdict.End) {
                due.add(new Finding(guest, verdict));
            }
        }
        due.sort(Comparator.comparing((Finding f) -> fromDrain.contains(f.conversationId())).thenComparing(f -> f.guest().start()));
        return due;
    }

    /** Handed to the engine (ended, skipped or failed): the stream brings it back only if it changes again. */
    synchronized void handedOver(Finding finding, boolean ended) {
        tracked.remove(finding.conversationId());
        fromDrain.remove(finding.conversationId());
        handedOver.put(finding.conversationId(), ended ? finding.guest().asEnded() : finding.guest());
    }

    synchronized int size() {
        return tracked.size();
    }

    /** Every guest followed, judged at {@code now}. A copy. */
    synchronized List<Finding> judged(Instant now) {
        List<Finding> findings = new ArrayList<>(tracked.size());
        for (Guest guest : tracked.values()) {
            findings.add(new Finding(guest, Classifier.classify(guest, policy, now)));
        }
        return findings;
    }
}
