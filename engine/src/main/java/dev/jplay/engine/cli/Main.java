package dev.jplay.engine.cli;

import dev.jplay.engine.config.AnsibleConfig;
import dev.jplay.engine.error.InputError;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The entry point: wires picocli, the exit codes, and Ctrl-C. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PlaybookCommand command = new PlaybookCommand();
        CommandLine cl = commandLine(command, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        installInterruptHandler(command);
        System.exit(cl.execute(args));
    }

    /** A configured command line with injectable out/err, for tests. */
    public static CommandLine commandLine(PlaybookCommand command, PrintWriter out, PrintWriter err) {
        return commandLine(command, out, err, AnsibleConfig.load(System.getenv(), Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home"))));
    }

    /** The same with the Ansible configuration ({@code ansible.cfg}, {@code ANSIBLE_*}) given. */
    public static CommandLine commandLine(PlaybookCommand command, PrintWriter out, PrintWriter err, AnsibleConfig config) {
        AnsibleConfig.activate(config);
        CommandLine cl = new CommandLine(command);
        cl.setDefaultValueProvider(new ConfigDefaults(config));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // "-e @vars.yml" names a vars file: picocli must not expand it as an argument file
        cl.setExpandAtFiles(false);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("jplay: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("Try 'jplay --help' for the options.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter e = c.getErr();
            if (ex instanceof InputError ie) {
                e.println("ERROR! " + ie.describe());
                e.println("Nothing was run.");
                return ExitCodes.INVALID_INPUT;
            }
            if (ex instanceof UncheckedIOException io) {
                e.println("ERROR! " + io.getMessage());
                return ExitCodes.ERROR;
            }
            e.println("INTERNAL ERROR (a bug in jplay): " + ex);
            ex.printStackTrace(e);
            return ExitCodes.INTERNAL;
        });
        return cl;
    }

    /**
     * Ctrl-C (SIGINT) and SIGTERM (what systemd, CI runners and Kubernetes send): no new task starts,
     * running ones finish, the recap prints, exit 99. A second signal of either kind exits at once.
     */
    @SuppressWarnings("removal")
    private static void installInterruptHandler(PlaybookCommand command) {
        for (String name : java.util.List.of("INT", "TERM")) {
            installStopHandler(command, name);
        }
    }

    @SuppressWarnings("removal")
    private static void installStopHandler(PlaybookCommand command, String signal) {
        String what = signal.equals("INT") ? "interrupted" : "SIGTERM";
        String again = signal.equals("INT") ? "Ctrl-C" : "signal";
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), sig -> {
                if (command.interrupted) {
                    Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                }
                command.interrupted = true;
                System.err.println("\n[jplay] " + what + ": finishing running tasks, then stopping (" + again + " again to quit now)");
                var r = command.activeRunner;
                if (r != null) {
                    r.requestStop();
                } else {
                    Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no support for this signal: it ends the JVM the default way
        }
    }
}
