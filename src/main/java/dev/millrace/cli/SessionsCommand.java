package dev.millrace.cli;

import dev.millrace.record.RecordStore;
import dev.millrace.record.RecordStoreException;
import dev.millrace.record.SessionInfo;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists the recorded sessions of the store. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "List the recorded sessions: id, name, status, when, broker and counters.")
final class SessionsCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Mixin
    private StoreOption storeOption;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RecordStore store = storeOption.open()) {
            List<SessionInfo> sessions = store.query().sessions();
            if (sessions.isEmpty()) {
                out.println("No sessions in " + store.databaseFile());
                return 0;
            }
            out.printf("%6s  %-30s  %-11s  %-19s  %-8s  %10s  %10s  %10s%n", "ID", "NAME", "STATUS", "CREATED",
                    "BROKER", "RECEIVED", "RECORDED", "DROPPED");
            for (SessionInfo session : sessions) {
                out.printf("%6d  %-30s  %-11s  %-19s  %-8s  %10d  %10d  %10d%n", session.id(),
                        abbreviate(session.name(), 30), session.status().name().toLowerCase(Locale.ROOT),
                        WHEN.format(session.createdAt()), session.brokerId() == null ? "-" : session.brokerId(),
                        session.received(), session.recorded(), session.dropped());
            }
            return 0;
        } catch (RecordStoreException e) {
            return fail(spec, e);
        }
    }

    /** A session by id, or by name (the newest of that name). */
    static SessionInfo resolve(RecordStore store, String reference) {
        if (reference.chars().allMatch(Character::isDigit) && !reference.isEmpty()) {
            return store.query().session(Long.parseLong(reference))
                    .orElseThrow(() -> new IllegalArgumentException("no session with id " + reference
                            + " (see 'millrace sessions')"));
        }
        return store.query().sessionsNamed(reference).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no session named '" + reference
                        + "' (see 'millrace sessions')"));
    }

    /** Prints a store failure the way Main prints broker failures; exit code 1. */
    static int fail(CommandSpec spec, RuntimeException e) {
        spec.commandLine().getErr().println("millrace: " + e.getMessage());
        return 1;
    }

    private static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
