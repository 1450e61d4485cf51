package dev.jplay.modules.flow;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.io.Console;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Ansible's {@code pause}: waits on the controller for a time, or until the user answers a prompt.
 * Waiting for an answer needs a terminal: without one (jplay run from CI or a pipe) a pause that
 * would wait for input fails and says so, rather than continuing with an empty answer. A timed
 * pause works anywhere; its prompt is printed on the terminal if there is one, else returned as
 * the result's message. Like Ansible, it pauses in check mode too.
 *
 * <p>Ansible runs pause once for all hosts of a play; the engine should do the same (as with
 * run_once), or each host pauses in parallel, which costs the same time but prompts once per host.
 */
public final class PauseModule implements Module {

    private static final DateTimeFormatter PYTHON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private static final ModuleSpec SPEC = ModuleSpec.builder("pause")
            .describe("Pauses the play for some seconds or minutes, or until Enter is pressed at a prompt (needs a terminal).")
            .option(OptionSpec.of("seconds", OptionType.FLOAT, "How long to pause, in seconds (0 or less pauses 1 second)."))
            .option(OptionSpec.of("minutes", OptionType.FLOAT, "How long to pause, in minutes."))
            .option(OptionSpec.of("prompt", OptionType.STR,
                    "Text to show. Without seconds/minutes, waits for the user's answer (user_input); needs a terminal."))
            .option(OptionSpec.of("echo", OptionType.BOOL, "Show what the user types at the prompt.").defaultValue(true))
            .mutuallyExclusive("minutes", "seconds")
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        boolean inMinutes = a.has("minutes");
        Double seconds = null;
        if (inMinutes) {
            seconds = a.decimal("minutes", 0) * 60;
        } else if (a.has("seconds")) {
            seconds = a.decimal("seconds", 0);
        }
        boolean echo = a.bool("echo");
        String prompt = a.string("prompt");
        Console console = System.console();

        LocalDateTime startTime = LocalDateTime.now();
        long start = System.nanoTime();
        String userInput = "";
        ModuleResult.Builder result = ModuleResult.ok();
        if (seconds == null) {
            if (console == null) {
                throw new ModuleFailure("pause without seconds or minutes waits for an answer"
                        + (prompt == null ? "" : " to '" + prompt + "'") + ", but jplay has no terminal to ask on "
                        + "(input or output is redirected); give seconds or minutes, or run jplay from a terminal");
            }
            String text = "[" + ctx.host() + "]\n" + (prompt == null ? "Press enter to continue" : prompt)
                    + (echo ? "" : " (output is hidden)") + ":";
            if (echo) {
                String line = console.readLine("%s", text);
                userInput = line == null ? "" : line;
            } else {
                char[] pw = console.readPassword("%s", text);
                userInput = pw == null ? "" : new String(pw);
            }
        } else {
            if (prompt != null) {
                if (console != null) {
                    console.printf("%s%n", prompt);
                    console.flush();
                } else {
                    result.msg(prompt);
                }
            }
            sleep(seconds <= 0 ? 1.0 : seconds);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double shown = inMinutes ? elapsed / 60 : elapsed;
        return result
                .value("start", PYTHON.format(startTime))
                .value("stop", PYTHON.format(LocalDateTime.now()))
                .value("delta", (long) elapsed)
                .value("echo", echo)
                .value("user_input", userInput)
                .value("rc", 0)
                .value("stderr", "")
                .value("stdout", "Paused for " + BigDecimal.valueOf(shown).setScale(2, RoundingMode.HALF_EVEN).doubleValue() + " "
                        + (inMinutes ? "minutes" : "seconds"))
                .build();
    }

    private static void sleep(double seconds) throws ModuleFailure {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleFailure("pause was interrupted");
        }
    }
}
