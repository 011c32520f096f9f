package dev.unstuck.app.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void quotesFieldsWithCommasQuotesAndLineBreaksAndEndsLinesWithCrlf() {
        String text = new Csv("id", "summary").row(1, "plain").row(2, "a, \"b\"\nc").render();

        assertThat(text).isEqualTo("id,summary\r\n1,plain\r\n2,\"a, \"\"b\"\"\nc\"\r\n");
        assertThat(CsvReading.parse(text)).containsExactly(List.of("id", "summary"), List.of("1", "plain"), List.of("2", "a, \"b\"\nc"));
    }

    @Test
    void leavesMissingFieldsEmpty() {
        assertThat(CsvReading.parse(new Csv("a", "b", "c").row("x").render())).containsExactly(List.of("a", "b", "c"), List.of("x", "", ""));
    }

    @Test
    void leadsACellASpreadsheetWouldRunAsAFormulaWithAQuoteMark() {
        String text = new Csv("reason").row("=HYPERLINK(\"http://evil.example\",\"x\")").row("+1+1").row("-2+3").row("@SUM(A1)")
                .row("\t=1").row("\r=1").row("INC-7 = fine").render();

        assertThat(CsvReading.parse(text)).extracting(row -> row.get(0)).containsExactly("reason", "'=HYPERLINK(\"http://evil.example\",\"x\")",
                "'+1+1", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", "INC-7 = fine");
    }
}
