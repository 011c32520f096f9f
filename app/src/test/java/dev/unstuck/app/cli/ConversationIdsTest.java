package dev.unstuck.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ids from a file or standard input: one per line, or the plan `unstuck sweep --dry-run --json` writes. */
class ConversationIdsTest {
    static final String A = "3f2b6c1e-8d4a-4e2f-9b1a-2c3d4e5f6a7b";
    static final String B = "0a0b0c0d-1111-4222-8333-444455556666";
    static final String C = "9e8d7c6b-5a49-4382-a716-151413121110";
    static final String LEFT = "deadbeef-0000-4000-8000-00000000beef";

    static final String PLAN = """
            {
              "unstuckPlan": 1,
              "org": "prod",
              "createdAt": "2024-05-01T10:00:00Z",
              "policy": {"maxWait": "30m"},
              "conversations": [
                {"id": "%s", "queue": "Support", "reason": "stuck", "detail": "waiting 2h in Support (maxWait 30m)",
                 "steps": ["PATCH /api/v2/conversations/messages/%s/participants/p1"]},
                {"id": "%s", "queue": "Billing", "reason": "looping", "extra": {"anything": [1, 2]}},
                {"id": "%s", "reason": "orphaned"}
              ],
              "left": [
                {"id": "%s", "queue": "VIP", "reason": "queue denied"}
              ]
            }
            """.formatted(B, B, A.toUpperCase(), C, LEFT);

    @TempDir
    Path dir;

    private AppContext context(String stdin) {
        return new AppContext(Map.of(), dir, Clock.systemUTC(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false);
    }

    private String file(String content) throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, content);
        return file.toString();
    }

    @Test
    void aPlanFileYieldsTheIdsOfItsConversationsInOrder() throws Exception {
        assertThat(ConversationIds.collect(List.of(), file(PLAN), context(""))).containsExactly(B, A, C);
    }

    @Test
    void theConversationsAPlanLeavesAloneAreNeverEnded() throws Exception {
        assertThat(ConversationIds.collect(null, file(PLAN), context(""))).doesNotContain(LEFT);
    }

    @Test
    void aPlanOnStandardInputIsReadToo() {
        assertThat(ConversationIds.collect(null, "-", context("\n  " + PLAN))).containsExactly(B, A, C);
    }

    @Test
    void idsOnTheCommandLineComeBeforeThoseOfThePlan() throws Exception {
        assertThat(ConversationIds.collect(List.of(LEFT), file(PLAN), context(""))).containsExactly(LEFT, B, A, C);
    }

    @Test
    void oneIdPerLineStillWorksWithCommentsAndBlankLines() throws Exception {
        assertThat(ConversationIds.collect(null, file("# from the incident\n" + A + "\n\n  " + B + "  \n"), context("")))
                .containsExactly(A.toLowerCase(), B);
    }

    @Test
    void aPlanWithNothingToEndIsAnEmptyListNotAMistake() throws Exception {
        String empty = file("{\"unstuckPlan\": 1, \"conversations\": [], \"left\": [{\"id\": \"" + LEFT + "\"}]}");
        assertThat(ConversationIds.collect(null, empty, context(""))).isEmpty();
    }

    @Test
    void aFileOfIdsWithNoneInItIsAMistake() throws Exception {
        String empty = file("# nothing here yet\n\n");
        assertThatThrownBy(() -> ConversationIds.collect(null, empty, context("")))
                .isInstanceOf(UserError.class).hasMessageContaining("no conversation ids in it")
                .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(ExitCode.USAGE));
    }

    static Stream<Arguments> malformedPlans() {
        return Stream.of(
                Arguments.of("{ not json", ": not a plan: Unexpected character ('n'"),
                Arguments.of("{\"unstuckPlan\": 1, \"conversations\": [", ": not a plan: Unexpected end-of-input"),
                Arguments.of("{\"unstuckPlan\": 1, \"conversations\": []} {}", ": not a plan: something follows the plan's closing } (line 1, column 41)"),
                Arguments.of("{\"unstuckPlan\": 1, \"left\": [{\"id\": \"" + A + "\"}]}", ": not a plan: no \"conversations\" array"),
                Arguments.of("{\"unstuckPlan\": 1, \"conversations\": {\"id\": \"" + A + "\"}}", ": not a plan: no \"conversations\" array"),
                Arguments.of("{\"unstuckPlan\": 1, \"conversations\": [{\"id\": \"" + A + "\"}, {\"queue\": \"Support\"}]}",
                        ": not a plan: conversations[1] has no \"id\""),
                Arguments.of("{\"unstuckPlan\": 1, \"conversations\": [{\"id\": 42}]}", ": not a plan: conversations[0].id is 42"),
                Arguments.of("{\"unstuckPlan\": 2, \"conversations\": [{\"id\": \"" + A + "\"}]}",
                        ": the plan was written by a newer unstuck (plan format 2; this one reads format 1)"),
                Arguments.of("{\"unstuckPlan\": \"1\", \"conversations\": [{\"id\": \"" + A + "\"}]}",
                        ": not a plan: \"unstuckPlan\" is \"1\", expected 1"),
                Arguments.of("{\"conversations\": [{\"id\": \"" + A + "\"}]}", ": not a plan: no \"unstuckPlan\": 1 in it"),
                Arguments.of("{\"unstuckPlan\": 1, \"conversations\": [{\"id\": \"" + A + "\"}, {\"id\": \"not-a-uuid\"}]}",
                        "malformed conversation id 'not-a-uuid'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedPlans")
    void aMalformedPlanIsOneLineAndNothingIsDone(String content, String expected) throws Exception {
        String from = file(content);
        assertThatThrownBy(() -> ConversationIds.collect(null, from, context("")))
                .isInstanceOf(UserError.class)
                .satisfies(e -> {
                    assertThat(((UserError) e).exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).contains(expected).contains("Nothing was done").doesNotContain("\n");
                });
    }
}
