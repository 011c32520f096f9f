package dev.unstuck.core.genesys;

import java.util.Locale;

/**
 * What the synchronous details query answered: a page, or a refusal because more conversations match
 * than it can hold (the field sees a 502 past about 8,000). That 502 is told from a passing one by its
 * body, which names the matches (the exact wording of the real platform is UNCONFIRMED: a 502 that
 * outlasts every retry is treated the same way by the scan).
 */
public sealed interface DetailsAnswer {

    record Page(DetailsPage page) implements DetailsAnswer {
    }

    record TooManyMatches(String message) implements DetailsAnswer {
    }

    /** A 502 whose body says too many conversations match; any other 502 is transient and retried. */
    static boolean saysTooMany(int status, String body) {
        if (status != 502) {
            return false;
        }
        String text = body.toLowerCase(Locale.ROOT);
        return text.contains("match") && (text.contains("at most") || text.contains("too many") || text.contains("exceed")
                || text.contains("limit"));
    }
}
