package dev.unstuck.core.detect;

import java.util.Locale;
import java.util.Objects;

/** What detection makes of one guest: end it for a reason, or leave it for a reason. */
public sealed interface Verdict {

    /** One sentence for tables, plans and the audit. */
    String detail();

    record End(Reason reason, String detail) implements Verdict {

        public End {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    record Leave(LeaveReason reason, String detail) implements Verdict {

        public Leave {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    enum LeaveReason {
        ENDED, TOO_YOUNG, QUEUE_DENIED, QUEUE_NOT_ALLOWED, LIVE_AGENT, NOT_IN_QUEUE, WITHIN_POLICY;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
