package org.weft.dist.overload;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Watches everything logged while a scenario runs: OutOfMemoryErrors that Weft (or Netty) caught
 * and logged instead of letting them reach a thread's uncaught-exception handler, and the WARN and
 * ERROR lines, summarised for the report. Also installs a default uncaught-exception handler that
 * records OutOfMemoryErrors nobody caught.
 */
final class LogWatch extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private static final int KEPT = 12;
    private static final String OWN_LOGGERS = LogWatch.class.getPackageName();

    private final AtomicLong warnings = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final List<String> outOfMemory = new ArrayList<>();
    private final Map<String, Long> errorLines = new LinkedHashMap<>();
    private final Map<String, Long> warnLoggers = new LinkedHashMap<>();
    private final Thread.UncaughtExceptionHandler previousHandler;
    private final Consumer<String> onOutOfMemory;

    private LogWatch(Consumer<String> onOutOfMemory) {
        this.previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        this.onOutOfMemory = onOutOfMemory;
    }

    /** Starts watching; {@code onOutOfMemory} hears of every OutOfMemoryError seen. */
    static LogWatch install(Consumer<String> onOutOfMemory) {
        LogWatch w = new LogWatch(onOutOfMemory);
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        w.setContext(ctx);
        w.setName("overload-log-watch");
        w.start();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(w);
        Thread.setDefaultUncaughtExceptionHandler(
                (t, e) -> {
                    w.uncaught(t, e);
                    if (w.previousHandler != null) {
                        w.previousHandler.uncaughtException(t, e);
                    }
                });
        return w;
    }

    private void uncaught(Thread t, Throwable e) {
        if (isOutOfMemory(e)) {
            recordOom("uncaught in thread " + t.getName() + ": " + e);
        }
    }

    /** Whether the throwable or one of its causes is an OutOfMemoryError. */
    static boolean isOutOfMemory(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    void recordOom(String what) {
        synchronized (outOfMemory) {
            if (outOfMemory.size() < KEPT) {
                outOfMemory.add(what);
            }
        }
        onOutOfMemory.accept("OutOfMemoryError: " + what);
    }

    @Override
    protected void append(ILoggingEvent e) {
        if (e.getLoggerName().startsWith(OWN_LOGGERS)) {
            return; // the suite's own lines (reports, emergencies) are not Weft's
        }
        try {
            String oom = oomIn(e.getThrowableProxy());
            if (oom != null) {
                recordOom(e.getLoggerName() + ": " + e.getFormattedMessage() + " <- " + oom);
            } else if (e.getFormattedMessage() != null
                    && (e.getFormattedMessage().contains("java.lang.OutOfMemoryError")
                            || e.getFormattedMessage().contains("OutOfDirectMemoryError"))) {
                recordOom(e.getLoggerName() + ": " + e.getFormattedMessage());
            }
            if (e.getLevel().isGreaterOrEqual(Level.ERROR)) {
                errors.incrementAndGet();
                String line = e.getLoggerName() + ": " + abbreviate(e.getFormattedMessage());
                if (e.getThrowableProxy() != null) {
                    line += " <- " + e.getThrowableProxy().getClassName();
                }
                synchronized (errorLines) {
                    if (errorLines.containsKey(line) || errorLines.size() < KEPT) {
                        errorLines.merge(line, 1L, Long::sum);
                    }
                }
            } else if (e.getLevel() == Level.WARN) {
                warnings.incrementAndGet();
                synchronized (warnLoggers) {
                    warnLoggers.merge(e.getLoggerName(), 1L, Long::sum);
                }
            }
        } catch (OutOfMemoryError oom) {
            recordOom("while logging: " + oom);
        }
    }

    private static String oomIn(IThrowableProxy p) {
        for (int depth = 0; p != null && depth < 20; depth++, p = p.getCause()) {
            if (p.getClassName().contains("OutOfMemoryError")
                    || p.getClassName().contains("OutOfDirectMemoryError")) {
                return p.getClassName() + ": " + p.getMessage();
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String noDigits = s.replaceAll("[0-9]+", "#");
        return noDigits.length() > 160 ? noDigits.substring(0, 160) + "..." : noDigits;
    }

    List<String> outOfMemoryErrors() {
        synchronized (outOfMemory) {
            return List.copyOf(outOfMemory);
        }
    }

    long warnings() {
        return warnings.get();
    }

    long errors() {
        return errors.get();
    }

    String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(errors.get()).append(" ERROR and ").append(warnings.get()).append(" WARN lines");
        synchronized (warnLoggers) {
            if (!warnLoggers.isEmpty()) {
                sb.append("; WARN by logger ").append(warnLoggers);
            }
        }
        synchronized (errorLines) {
            errorLines.forEach(
                    (line, n) -> sb.append("\n    ERROR x").append(n).append(' ').append(line));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) getContext();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this);
        stop();
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }
}
