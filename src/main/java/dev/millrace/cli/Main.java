package dev.millrace.cli;

import dev.millrace.app.WorkbenchLauncher;
import dev.millrace.message.MessagingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The jar's entry point: the command line of Millrace. */
@Command(name = "millrace", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Millrace, a workbench for event-driven systems.",
        subcommands = {DemoCommand.class, BenchCommand.class, BrokersCommand.class, RecordCommand.class, SessionsCommand.class, ExportCommand.class, ImportCommand.class, ReplayCommand.class, RecordBenchCommand.class,
                ScreenshotsCommand.class, CompareCommand.class})
public final class Main implements Runnable, CommandLine.IExitCodeGenerator {
    private int exitCode;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof MessagingException || exception instanceof IllegalArgumentException) {
                line.getErr().println("millrace: " + exception.getMessage());
                return 2;
            }
            throw exception;
        });
        return commandLine;
    }

    /** Without a subcommand, opens the workbench window and returns when it is closed. */
    @Override
    public void run() {
        exitCode = WorkbenchLauncher.launch();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
