package dev.unstuck.core.genesys;

/**
 * What the synchronous details query answered: a page, or "too many": more conversations match than it
 * can hold (the field sees a 502 past about 8,000). Never told by the error's wording, which the real
 * platform does not document: a 502 or 504 that outlasts every retry is "too many", and so is a first
 * page whose {@code totalHits} is within {@link #MARGIN_PERCENT}% of the limit, since {@code totalHits} is
 * approximate and shifts while paging (the later pages of such a query may be refused).
 */
public sealed interface DetailsAnswer {

    /** The synchronous query's limit as the field reports it (UNCONFIRMED: "about 8,000"). */
    int LIMIT = 8000;
    /** Past this share of the limit a query is treated as too many. */
    int MARGIN_PERCENT = 90;
    /** The most {@code totalHits} a first page may name and still be paged: 7,200. */
    int MOST_HITS = LIMIT * MARGIN_PERCENT / 100;

    record Page(DetailsPage page) implements DetailsAnswer {
    }

    /** @param why what said so: the status that outlasted the retries, or the count near the limit */
    record TooManyMatches(String why) implements DetailsAnswer {
    }

    /** Whether a failed query (after every retry) counts as "too many": a 502 or 504, whatever its body. */
    static boolean outlastedRetries(GenesysException e) {
        return e.status() == 502 || e.status() == 504;
    }

    /** A first page, or "too many" when its {@code totalHits} is too near the limit to page safely. */
    static DetailsAnswer of(DetailsPage first) {
        if (first.totalHits() > MOST_HITS) {
            return new TooManyMatches("about " + first.totalHits() + " conversations match, more than " + MARGIN_PERCENT
                    + "% of the synchronous query's " + LIMIT);
        }
        return new Page(first);
    }

    /** "Too many" from a query that failed for good with a 502 or 504. */
    static DetailsAnswer refused(GenesysException e) {
        return new TooManyMatches("analytics answered " + e.status() + " after every retry");
    }
}
