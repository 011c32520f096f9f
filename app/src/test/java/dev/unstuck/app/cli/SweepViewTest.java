package dev.unstuck.app.cli;

import dev.unstuck.app.view.SweepView;
import dev.unstuck.core.conversation.Conversation;
import dev.unstuck.core.detect.AnalyticsGhost;
import dev.unstuck.core.detect.Finding;
import dev.unstuck.core.detect.Guest;
import dev.unstuck.core.detect.Reason;
import dev.unstuck.core.detect.SweepReport;
import dev.unstuck.core.detect.Verdict;
import dev.unstuck.core.engine.Outcome;
import dev.unstuck.core.engine.SkipReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A sweep's report read three ways (table, summary lines, exit code) must tell one story. */
class SweepViewTest {

    private static Finding stuck(String id) {
        Guest guest = Guest.of(new Conversation(id, Optional.of(Instant.parse("2026-01-01T10:00:00Z")), Optional.empty(), List.of()));
        return new Finding(guest, new Verdict.End(Reason.STUCK, "waiting 90m"));
    }

    private static Finding young(String id) {
        Guest guest = Guest.of(new Conversation(id, Optional.of(Instant.parse("2026-01-01T10:00:00Z")), Optional.empty(), List.of()));
        return new Finding(guest, new Verdict.Leave(Verdict.LeaveReason.TOO_YOUNG, "1m old"));
    }

    private static SweepReport.Handled handled(String id, Outcome outcome) {
        return new SweepReport.Handled(stuck(id), outcome);
    }

    private static Outcome ended(String id, boolean already) {
        return new Outcome.Ended(id, List.of(), Duration.ZERO, List.of(), already);
    }

    private static Outcome skipped(String id, SkipReason reason) {
        return new Outcome.Skipped(id, reason, List.of(), Duration.ZERO, List.of());
    }

    @Test
    void guestsAnotherRunEndedFirstAreCountedApartFromThoseLeftAloneAndAreNoFailure() {
        SweepReport report = new SweepReport(5, List.of(
                handled("a", ended("a", false)),
                handled("b", ended("b", true)),
                handled("c", skipped("c", SkipReason.ENDING_ELSEWHERE)),
                handled("d", skipped("d", SkipReason.IN_HAND_ELSEWHERE))),
                List.of(), List.of(young("e")), 1, List.of(), List.of(), List.of());

        assertThat(SweepView.leftAlone(report)).isEqualTo("0 that crossed a rule; crossing no rule: too-young 1");
        assertThat(SweepView.bySomeoneElse(report))
                .contains("3 (already ended 1, being ended by another run 1, being ended by someone else 1)");
        assertThat(SweepView.table(report).lines().skip(2))
                .singleElement().asString().matches("no queue\\s+stuck\\s+4\\s+1\\s+0\\s+3\\s+0\\s+0");
        assertThat(ExitCode.of(report.handled().stream().map(SweepReport.Handled::outcome).toList(), 4))
                .isEqualTo(ExitCode.OK);
    }

    @Test
    void theLeftAloneLineCountsWhatTheLeftAloneColumnCounts() {
        SweepReport report = new SweepReport(3, List.of(
                handled("a", skipped("a", SkipReason.LIVE_AGENT)),
                handled("b", skipped("b", SkipReason.NO_LONGER_STUCK)),
                handled("c", ended("c", true))),
                List.of(), List.of(), 0, List.of(), List.of(), List.of());

        assertThat(SweepView.leftAlone(report)).isEqualTo("2 that crossed a rule (skipped: live agent 1, skipped: no longer stuck 1)");
        assertThat(SweepView.table(report).lines().skip(2)).singleElement().asString().matches("no queue\\s+stuck\\s+3\\s+0\\s+0\\s+1\\s+2\\s+0");
        assertThat(ExitCode.of(report.handled().stream().map(SweepReport.Handled::outcome).toList(), 3))
                .isEqualTo(ExitCode.SKIPPED);
    }

    @Test
    void analyticsGhostsAreCountedInTheSummaryAndTheJsonApartFromEndings() {
        SweepReport report = new SweepReport(3, List.of(handled("a", ended("a", false))), List.of(), List.of(), 1, List.of(), List.of(),
                List.of(), List.of(new AnalyticsGhost("g1", "Support", Instant.parse("2026-01-01T12:00:00Z"), false),
                        new AnalyticsGhost("g2", "Billing", Instant.parse("2026-01-01T12:00:00Z"), true)), 5);

        Map<String, Object> json = SweepView.json(report, "acme", 10, "run-1", Instant.parse("2026-01-01T12:00:00Z"), false);

        assertThat(json).containsEntry("ended", 1L);
        @SuppressWarnings("unchecked")
        Map<String, Object> ghosts = (Map<String, Object>) json.get("analyticsGhosts");
        assertThat(ghosts).containsEntry("total", 7).containsEntry("looked", 2).containsEntry("remembered", 5);
        assertThat(((List<?>) ghosts.get("conversations")).stream().map(g -> String.valueOf(((Map<?, ?>) g).get("id")))).containsExactly("g1", "g2");
        assertThat((List<?>) json.get("conversations")).hasSize(1);
        assertThat(SweepView.ghostLine(report)).hasValueSatisfying(line -> assertThat(line).startsWith("Analytics ghosts: 7 ")
                .contains("2 found by this run's looks").contains("5 remembered"));
        assertThat(SweepView.table(report).lines().skip(2)).singleElement().asString().matches("no queue\\s+stuck\\s+1\\s+1.*");
    }

    @Test
    void aSweepThatMetNoGhostSaysNothingOfThem() {
        SweepReport report = new SweepReport(1, List.of(handled("a", ended("a", false))), List.of(), List.of(), 1, List.of(), List.of());

        assertThat(SweepView.ghostLine(report)).isEmpty();
        assertThat(SweepView.ghosts(report)).containsEntry("total", 0);
    }

    @Test
    void aConversationVerificationFoundStillOpenIsNotEndedInItsOwnColumnAndTheRunFails() {
        Outcome open = new Outcome.Failed("b", new dev.unstuck.core.engine.Cause.StillActive("Genesys still shows agent:alerting"),
                List.of(), Duration.ZERO, List.of());
        SweepReport report = new SweepReport(2, List.of(handled("a", ended("a", false)), handled("b", open)),
                List.of(), List.of(), 1, List.of("b"), List.of());

        // queue, reason, found, ended, not ended, by others, left alone, failed
        assertThat(SweepView.table(report).lines().skip(2)).singleElement().asString()
                .matches("no queue\\s+stuck\\s+2\\s+1\\s+1\\s+0\\s+0\\s+0");
        assertThat(ExitCode.of(report.handled().stream().map(SweepReport.Handled::outcome).toList(), 2))
                .isEqualTo(ExitCode.FAILED);
    }
}
