package dev.unstuck.app.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tables on an 80-column terminal: every line fits, long cells say they were cut, kept columns give way last. */
class TableTest {
    private static Table audit() {
        return new Table("when", "conversation", "by", "reason")
                .row("11-28 10:54:47", "76bc13af-3bbe-4dfb-b80b-2f1c3a9e0d11", "ana@ops-laptop",
                        "INC-4711 guests stuck in Support since the flow change of Tuesday night");
    }

    @Test
    void everyLineFitsTheWidthAndCutCellsEndWithAnEllipsis() {
        String text = audit().render(60);

        assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(60));
        assertThat(text).contains("INC-4711").contains("\u2026").doesNotContain("Tuesday night");
    }

    @Test
    void aKeptColumnGivesWayOnlyAfterTheOthers() {
        String kept = audit().keep(1, 36).render(80);
        String plain = audit().render(80);

        assertThat(kept).contains("76bc13af-3bbe-4dfb-b80b-2f1c3a9e0d11");
        assertThat(plain).doesNotContain("76bc13af-3bbe-4dfb-b80b-2f1c3a9e0d11");
        assertThat(kept.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void withoutALimitNothingIsCut() {
        assertThat(audit().render()).contains("since the flow change of Tuesday night").doesNotContain("\u2026");
    }
}
