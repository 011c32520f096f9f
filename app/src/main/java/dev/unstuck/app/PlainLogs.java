package dev.unstuck.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Optional;

/**
 * The logging every command starts with, set up in code: found by Logback through the ServiceLoader
 * before it would look for an XML file, because reading one (Joran and the JDK's XML parser) was about a
 * third of a command's start-up (bench/results/startup.md). Logs go to standard error, and only when
 * something is wrong: unstuck's own loggers at {@code UNSTUCK_LOG_LEVEL} (WARN by default; what
 * {@code serve} does, logger {@code unstuck.serve}, at INFO), everything else at WARN. Secrets never
 * reach a log line: the client redacts them.
 *
 * <p>A configuration file named by {@code logback.configurationFile} (the JSON lines of
 * {@code --log-format json}, logback-json.xml, or an operator's own) is left to Logback's XML reader.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class PlainLogs extends ContextAwareBase implements Configurator {
    /** A line break in a message (a caller's text) would forge a log line: it is shown as a space. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %replace(%msg){'[\\r\\n\\u2028\\u2029]+', ' '}%n";
    static final String APPENDER = "STDERR";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, Optional.ofNullable(System.getProperty("UNSTUCK_LOG_LEVEL")).or(() -> Optional.ofNullable(System.getenv("UNSTUCK_LOG_LEVEL"))));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Configures {@code context} with unstuck's own level from {@code level} when given. */
    static void configure(LoggerContext context, Optional<String> level) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(APPENDER);
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        context.getLogger("dev.unstuck").setLevel(Level.toLevel(level.orElse("WARN"), Level.WARN));
        context.getLogger("unstuck.serve").setLevel(Level.toLevel(level.orElse("INFO"), Level.INFO));
        for (String quiet : new String[] {"org.eclipse.jetty", "io.javalin", "org.flywaydb"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
    }
}
