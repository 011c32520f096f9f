package dev.unstuck.app.service;

import dev.unstuck.core.detect.SweepReport;
import dev.unstuck.core.engine.Inspection;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.genesys.GenesysClient;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The JSON shapes the CLI prints ({@code end --json}, {@code inspect --json}, {@code sweep --json}),
 * handed to the service so an API answer and a CLI answer never drift apart.
 *
 * @param inspection the client is there for queue names
 * @param sweep      a sweep's report (of an org, a dry run or not)
 */
public record Views(Function<Outcome, Object> outcome, BiFunction<GenesysClient, Inspection, Object> inspection,
                    SweepJson sweep) {

    /** A sweep's report as {@code sweep --json} prints it; whether it was a dry run is said, never guessed from its entries. */
    @FunctionalInterface
    public interface SweepJson {
        Object apply(SweepReport report, String org, boolean dryRun);
    }
}
