package dev.millrace.cli;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.OptionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Writes the CLI reference of the user guide from the picocli definitions of every command, so that the page says
 * exactly what {@code --help} says, followed by every adapter's connection options from their {@link OptionSpec}s.
 * {@code CliReferenceTest} fails when the committed page and the commands differ.
 *
 * <p>Run: {@code java -cp target/millrace.jar dev.millrace.cli.CliReference docs/guide/cli-reference.md}
 */
public final class CliReference {
    /** Where the page lives in the repository, relative to its root. */
    public static final String PAGE = "docs/guide/cli-reference.md";
    /** Fixed, so that the page does not depend on the terminal or a system property of whoever generates it. */
    static final int USAGE_WIDTH = 100;
    static final String OPTIONS_HEADING = "Broker options";
    static final String REGENERATE = "java -cp target/millrace.jar dev.millrace.cli.CliReference " + PAGE;

    private CliReference() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length == 0 ? PAGE : args[0]);
        Files.writeString(target, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + target.toAbsolutePath());
    }

    /** The whole page as Markdown. */
    static String render() {
        CommandLine root = Main.commandLine();
        root.setUsageHelpWidth(USAGE_WIDTH);
        List<CommandLine> commands = new ArrayList<>();
        collect(root, commands, new LinkedHashSet<>());

        StringBuilder page = new StringBuilder();
        page.append("# CLI reference\n\n")
                .append("<!-- Generated from the picocli definitions in dev.millrace.cli; do not edit by hand. -->\n")
                .append("<!-- Regenerate after changing a command: ").append(REGENERATE).append(" -->\n\n")
                .append("Every command below is run as `java -jar target/millrace.jar COMMAND ...`, or with the ")
                .append("launcher of an installed package instead of `java -jar` (see [Install](install.md)). ")
                .append("Without a command, Millrace opens the workbench window. ")
                .append("Each section is the command's own `--help` text.\n\n");
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName();
            page.append("- [").append(name).append("](#").append(anchor(name)).append(")\n");
        }
        page.append("- [").append(OPTIONS_HEADING).append(" (`-o NAME=VALUE`)](#").append(anchor(OPTIONS_HEADING))
                .append(")\n");
        for (CommandLine command : commands) {
            page.append("\n## ").append(command.getCommandSpec().qualifiedName()).append("\n\n```text\n")
                    .append(stripTrailingSpaces(command.getUsageMessage(Ansi.OFF)))
                    .append("```\n");
        }
        appendBrokerOptions(page);
        return page.toString();
    }

    /** The options of every adapter, from the same descriptions that build the connection form. */
    private static void appendBrokerOptions(StringBuilder page) {
        page.append("\n## ").append(OPTIONS_HEADING).append("\n\n")
                .append("Commands that talk to a broker take `--broker ID` and its options as `-o NAME=VALUE` ")
                .append("(`compare` takes `-o ID.NAME=VALUE`). The workbench's connection form shows the same ")
                .append("options. Secret options are masked in the form and kept out of the database.\n");
        for (BrokerAdapter adapter : Brokers.all()) {
            page.append("\n### ").append(adapter.id()).append(" (").append(adapter.displayName()).append(")\n\n")
                    .append("| option | type | default | required / secret | description |\n")
                    .append("| --- | --- | --- | --- | --- |\n");
            for (OptionSpec option : adapter.options()) {
                String type = option.type().name().toLowerCase(Locale.ROOT)
                        + (option.choices().isEmpty() ? "" : ": " + String.join(", ", option.choices()));
                String flags = option.required() ? "required" : option.secret() ? "secret" : "";
                page.append("| `").append(option.name()).append("` | ").append(cell(type)).append(" | ")
                        .append(option.defaultValue() == null ? "" : "`" + cell(option.defaultValue()) + "`")
                        .append(" | ").append(flags).append(" | ").append(cell(option.description())).append(" |\n");
            }
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** Depth first, in the order the commands are declared; hidden commands and aliases are left out. */
    private static void collect(CommandLine command, List<CommandLine> into, Set<CommandLine> seen) {
        if (!seen.add(command) || command.getCommandSpec().usageMessage().hidden()) {
            return;
        }
        into.add(command);
        for (CommandLine subcommand : command.getSubcommands().values()) {
            collect(subcommand, into, seen);
        }
    }

    /** The anchor GitHub gives a heading: lower case, spaces as dashes, other punctuation dropped. */
    static String anchor(String heading) {
        StringBuilder anchor = new StringBuilder();
        for (char c : heading.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                anchor.append(c);
            } else if (c == ' ') {
                anchor.append('-');
            }
        }
        return anchor.toString();
    }

    /** Also turns the platform's line separators into {@code \n}, so the page is the same on every OS. */
    private static String stripTrailingSpaces(String text) {
        return text.lines().map(String::stripTrailing).collect(Collectors.joining("\n", "", "\n"));
    }
}
