package dev.unstuck.app.service.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayoutTest {
    private static final String FRAME = Layout.frame("""
            <!-- a note for the reader -->
            <!doctype html>
            <title>{{title}} · unstuck</title>
            {{scripts}}<body data-page="{{page}}"><nav>pages</nav>
            <main>
            {{main}}</main>
            """);

    @Test
    void aPageIsFramedWithItsTitleScriptsAndNameAndNothingBeforeTheDoctype() {
        String html = Layout.render(FRAME, "endings", """
                <!-- layout: title=Endings; classic=/ui/vendor/chart.js; module=/ui/js/endings.js -->
                <h1>Endings</h1>
                """);

        assertThat(html).startsWith("<!doctype html>")
                .contains("<title>Endings · unstuck</title>")
                .contains("<script src=\"/ui/vendor/chart.js\"></script>\n<script type=\"module\" src=\"/ui/js/endings.js\"></script>")
                .contains("<body data-page=\"endings\"><nav>pages</nav>")
                .contains("<main>\n<h1>Endings</h1>\n</main>")
                .doesNotContain("{{").doesNotContain("layout:");
    }

    @Test
    void aPageWithoutTheLayoutCommentIsServedAsWritten() {
        String signIn = "<!doctype html>\n<main class=\"signin\"></main>\n";
        assertThat(Layout.render(FRAME, "signin", signIn)).isEqualTo(signIn);
    }

    @Test
    void aLayoutCommentWithoutTitleIsABugFoundAtStartUp() {
        assertThatThrownBy(() -> Layout.render(FRAME, "why", "<!-- layout: module=/ui/js/why.js -->\n<h1>Why</h1>\n"))
                .hasMessageContaining("why has no title");
    }
}
