package dev.unstuck.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void drawsInPlaceOnATerminalAndClearsTheLineAtTheEnd() {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), true, "ending");

        bar.start(4);
        bar.step();
        bar.step();
        String halfway = out.toString();
        bar.finish();

        assertThat(halfway).endsWith("\rending [###############...............] 2/4");
        assertThat(out.toString()).endsWith("\r");
    }

    @Test
    void aLargerTotalFoundLaterKeepsTheStepsDone() {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), true, "ending");

        bar.start(2);
        bar.step();
        bar.step();
        bar.start(4);

        assertThat(out.toString()).endsWith("\rending [###############...............] 2/4");
    }

    @Test
    void printsNothingWhenTheOutputIsNotATerminal() {
        StringWriter out = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(out), false, "ending");

        bar.start(3);
        bar.step();
        bar.finish();

        assertThat(out.toString()).isEmpty();
    }
}
