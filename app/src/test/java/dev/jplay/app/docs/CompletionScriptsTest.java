package dev.jplay.app.docs;

import dev.jplay.engine.cli.Main;
import dev.jplay.engine.cli.PlaybookCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated bash completion, run by a real bash as the shell's completion would call it. */
class CompletionScriptsTest {
    @TempDir
    Path dir;

    private static CompletionScripts scripts() {
        StringWriter discard = new StringWriter();
        return new CompletionScripts(Main.commandLine(new PlaybookCommand(), new PrintWriter(discard), new PrintWriter(discard)));
    }

    /** What bash offers for the words so far (the last one is being completed). */
    private String complete(String... words) throws IOException, InterruptedException {
        Path script = dir.resolve("jplay");
        Files.writeString(script, scripts().bash());
        String line = String.join(" ", words);
        String probe = "source \"$1\" 2>/dev/null; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_jplay 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", probe, "bash", script.toString()).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out.strip();
    }

    @Test
    void docCompletesModuleNames() throws Exception {
        assertEquals("podman_unit", complete("jplay", "doc", "podman_u"));
        assertEquals(List.of("systemd", "systemd_service"), complete("jplay", "doc", "syst").lines().sorted().toList());
    }

    @Test
    void optionsAndSubcommandsComplete() throws Exception {
        assertEquals("--check", complete("jplay", "--ch"));
        assertEquals("vault", complete("jplay", "va"));
        assertTrue(complete("jplay", "vault", "").lines().toList().containsAll(List.of("encrypt", "decrypt", "view")));
    }

    @Test
    void zshFileIsAnAutoloadedCompletionFunctionOverTheBashScript() {
        String zsh = scripts().zsh();
        assertTrue(zsh.startsWith("#compdef jplay\n"), zsh.lines().findFirst().orElse(""));
        assertTrue(zsh.contains("bashcompinit") && zsh.contains(scripts().bash()));
        assertTrue(zsh.strip().endsWith("_bash_complete -F _complete_jplay -o default \"$@\""));
    }
}
