package dev.gatewaydoctor.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * Logback's configuration, in code so that one variable picks the format: JSON lines (one object
 * per line, for log collectors; the default when standard output is not a terminal, as in a
 * container) or text for people ({@code GATEWAY_DOCTOR_LOG_FORMAT=json|text}; text by default on a
 * terminal). Everything goes to standard output; {@code -Dlogback.configurationFile=...} still
 * replaces all of this with a file of one's own.
 *
 * <p>Found by Logback through {@code META-INF/services}; runs before any logger is used.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    public static final String FORMAT_ENV = "GATEWAY_DOCTOR_LOG_FORMAT";
    /** Root level: {@code info} by default; {@code debug} shows more, {@code warn} less. */
    public static final String LEVEL_ENV = "GATEWAY_DOCTOR_LOG_LEVEL";

    static final String TEXT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{24} %X{request_id:-} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Map<String, String> env = System.getenv();
        boolean json;
        try {
            json = json(env.get(FORMAT_ENV), System.console() != null);
        } catch (IllegalArgumentException e) {
            json = true; // the server names the bad value when it starts
        }
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("stdout");
        out.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
        out.start();
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // The system property lets the test run quiet the in-process servers' access lines.
        String level = System.getProperty("gd.log.level", env.getOrDefault(LEVEL_ENV, "info"));
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(out);
        // Jetty's and Javalin's start-up chatter is not what operators look for.
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** JSON unless asked for text, or unless nothing was asked and a person is at a terminal. */
    public static boolean json(String format, boolean terminal) {
        if (format == null || format.isBlank()) {
            return !terminal;
        }
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new IllegalArgumentException(FORMAT_ENV + " must be json or text, got '" + format + "'");
        };
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        LogstashEncoder e = new LogstashEncoder();
        e.setContext(context);
        e.start();
        return e;
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(context);
        e.setPattern(TEXT_PATTERN);
        e.start();
        return e;
    }
}
