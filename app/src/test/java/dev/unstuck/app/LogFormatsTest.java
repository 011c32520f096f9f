package dev.unstuck.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two logging configurations as an operator's log pipeline reads them: the human one keeps a
 * caller's line break from forging a line; the JSON one writes ECS fields, the MDC as fields, a failure
 * as {@code error.*}, and escapes caller text. (ServeProcessTest holds a whole serve's output to JSON.)
 */
@SuppressWarnings("unchecked")
class LogFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORGED = "INC-1\n12:00:00.000 INFO  unstuck.serve - [acme] token:admin revoked every token";

    /** What the configuration {@code resource} writes through its console appender {@code appender} for {@code logging}, by line. */
    private static List<String> logged(String resource, String appender, Consumer<LoggerContext> logging) throws Exception {
        return logged(context -> {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatsTest.class.getResource("/" + resource));
        }, appender, logging);
    }

    @FunctionalInterface
    private interface Configuring {
        void configure(LoggerContext context) throws Exception;
    }

    /** What the configuration {@code configuring} sets up writes through its console appender {@code appender}, by line. */
    private static List<String> logged(Configuring configuring, String appender, Consumer<LoggerContext> logging) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one MDC.put writes to
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            configuring.configure(context);
            ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            // The configured encoder, writing here instead of on the console.
            OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) root.getAppender(appender);
            OutputStreamAppender<ILoggingEvent> into = new OutputStreamAppender<>();
            into.setContext(context);
            into.setEncoder(console.getEncoder());
            into.setOutputStream(captured);
            into.start();
            root.detachAppender(console);
            root.addAppender(into);
            logging.accept(context);
        } finally {
            context.stop();
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aCallersLineBreakCannotForgeAHumanLogLine() throws Exception {
        List<String> lines = logged(c -> PlainLogs.configure(c, Optional.empty()), PlainLogs.APPENDER,
                c -> c.getLogger("unstuck.serve").info("[acme] ended on request ({})", FORGED));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("INC-1 12:00:00.000 INFO");
    }

    @Test
    void unstucksOwnLinesAreWarningsUnlessUnstuckLogLevelSaysOtherwiseAndServesSayWhatItDoes() throws Exception {
        List<String> quiet = logged(c -> PlainLogs.configure(c, Optional.empty()), PlainLogs.APPENDER, c -> {
            c.getLogger("dev.unstuck.http").info("GET /api/v2/x 200");
            c.getLogger("unstuck.serve").info("[acme] ended");
            c.getLogger("org.eclipse.jetty.server").info("started");
            c.getLogger("dev.unstuck.engine").warn("slow");
        });
        assertThat(quiet).hasSize(2);
        assertThat(quiet.get(0)).contains("INFO", "[acme] ended");
        assertThat(quiet.get(1)).contains("WARN", "slow");

        List<String> verbose = logged(c -> PlainLogs.configure(c, Optional.of("debug")), PlainLogs.APPENDER,
                c -> c.getLogger("dev.unstuck.http").debug("GET /api/v2/x 200"));
        assertThat(verbose).singleElement().asString().contains("DEBUG", "GET /api/v2/x 200");
    }

    @Test
    void jsonLinesCarryEcsFieldsTheMdcAndTheErrorAndKeepCallerTextInsideItsField() throws Exception {
        List<String> lines = logged("logback-json.xml", "STDOUT", c -> {
            Logger log = c.getLogger("unstuck.serve");
            try (MDC.MDCCloseable org = MDC.putCloseable("org", "acme");
                 MDC.MDCCloseable id = MDC.putCloseable("conversationId", "c-1")) {
                log.info("[acme] c-1 ended on request ({})", FORGED);
            }
            log.error("internal error on GET /api/v1/orgs", new IllegalStateException("boom"));
        });
        assertThat(lines).hasSize(2);
        JsonNode ended = JSON.readTree(lines.get(0));
        assertThat(ended.path("@timestamp").asText()).isNotEmpty();
        assertThat(ended.path("log.level").asText()).isEqualTo("INFO");
        assertThat(ended.path("message").asText()).endsWith(FORGED + ")");
        assertThat(ended.path("service.name").asText()).isEqualTo("unstuck");
        assertThat(ended.path("log.logger").asText()).isEqualTo("unstuck.serve");
        assertThat(ended.path("process.thread.name").asText()).isNotEmpty();
        assertThat(ended.path("org").asText()).isEqualTo("acme");
        assertThat(ended.path("conversationId").asText()).isEqualTo("c-1");
        JsonNode failed = JSON.readTree(lines.get(1));
        assertThat(failed.path("log.level").asText()).isEqualTo("ERROR");
        assertThat(failed.path("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.path("error.message").asText()).isEqualTo("boom");
        assertThat(failed.path("error.stack_trace").asText()).contains("LogFormatsTest");
    }
}
