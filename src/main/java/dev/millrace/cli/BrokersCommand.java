package dev.millrace.cli;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.OptionSpec;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Lists the broker adapters on the class path with their options and capabilities. */
@Command(name = "brokers", mixinStandardHelpOptions = true,
        description = "List the broker adapters, their connection options and declared capabilities.")
final class BrokersCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (BrokerAdapter adapter : Brokers.all()) {
            out.printf("%s  (%s)%n", adapter.id(), adapter.displayName());
            out.printf("  capabilities: %s; max payload %d bytes%n",
                    adapter.capabilities().features(), adapter.capabilities().maxPayloadBytes());
            for (OptionSpec option : adapter.options()) {
                out.printf("  -o %s=<%s>%s%s  %s%n", option.name(), option.type().name().toLowerCase(Locale.ROOT),
                        option.defaultValue() == null ? "" : " (default " + option.defaultValue() + ")",
                        option.required() ? " required" : "", option.description());
            }
        }
        return 0;
    }
}
