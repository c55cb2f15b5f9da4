package dev.archiver.cli;

import dev.archiver.core.ArchiverException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The {@code archiver} command (see {@code shared/design/CLI.md}). Exit codes: 0 success; 1
 * finished but some objects failed; 2 usage or input error, with a one-line reason on stderr
 * (a stack trace only with {@code --debug}).
 */
@Command(name = "archiver", mixinStandardHelpOptions = true, versionProvider = ArchiverCommand.Version.class,
        description = "Decides, object by object, the cheapest S3 storage class for how each object will be read, "
                + "and moves it there without losing a byte.",
        subcommands = {DemoCommand.class, GenerateTraceCommand.class, TrainCommand.class, EvaluateCommand.class,
                PlanCommand.class, ApplyCommand.class, TransitionCommand.class, ExplainCommand.class,
                BacktestCommand.class, CommandLine.HelpCommand.class})
public final class ArchiverCommand {
    static final int OK = 0;
    static final int SOME_FAILED = 1;
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests). */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new ArchiverCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("archiver: " + ex.getMessage());
            err.println("Try 'archiver " + commandPath(ex.getCommandLine()) + "--help' for more information.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            boolean input = ex instanceof ArchiverException || ex instanceof IllegalArgumentException
                    || ex instanceof UncheckedIOException;
            err.println("archiver: " + (input ? "" : "internal error: ") + oneLine(ex));
            if (debug || !input) {
                ex.printStackTrace(err);
            }
            return USAGE;
        });
        if (args.length == 0) {
            cl.usage(err);
            return USAGE;
        }
        return cl.execute(args);
    }

    private static String commandPath(CommandLine cl) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            sb.insert(0, c.getCommandName() + " ");
        }
        return sb.toString();
    }

    private static String oneLine(Throwable ex) {
        String m = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        return m.replace('\n', ' ');
    }

    /** The version from the jar's manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ArchiverCommand.class.getPackage().getImplementationVersion();
            return new String[]{"archiver " + (v == null ? "dev" : v)};
        }
    }
}
