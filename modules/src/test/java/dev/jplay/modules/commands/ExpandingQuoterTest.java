package dev.jplay.modules.commands;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs the quoter's words through the real /bin/sh and compares with what Python's
 * os.path.expanduser(os.path.expandvars(word)) gives for the same environment.
 */
class ExpandingQuoterTest {

    private static List<String> throughSh(Map<String, String> env, Function<ExpandingQuoter, List<String>> words)
            throws IOException, InterruptedException {
        ExpandingQuoter q = new ExpandingQuoter();
        List<String> ws = words.apply(q);
        StringBuilder script = new StringBuilder();
        for (String w : ws) {
            script.append("printf '%s\\n' ").append(w).append("; ");
        }
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", q.prelude() + script);
        pb.environment().remove("NOPE");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return List.of(out.split("\n"));
    }

    @Test
    void expandsVariablesOnlyWhenSetAndNeverSplitsOrGlobs() throws Exception {
        Map<String, String> env = Map.of("HOME", "/home/u", "FOO", "a  b*", "EMPTY", "");
        List<String> got = throughSh(env, q -> List.of(q.word("$FOO"), q.word("x${FOO}y"), q.word("$NOPE"), q.word("${NOPE}"),
                q.word("$EMPTY"), q.word("$HOME$HOME"), q.word("$1x"), q.word("${a b}"), q.word("$(id)`id`"), q.word("it's \"q\"")));
        assertEquals(List.of("a  b*", "xa  b*y", "$NOPE", "${NOPE}", "", "/home/u/home/u", "$1x", "${a b}", "$(id)`id`",
                "it's \"q\""), got);
    }

    @Test
    void expandsALeadingTildeLikeExpanduser() throws Exception {
        List<String> got = throughSh(Map.of("HOME", "/home/u"), q -> List.of(q.word("~"), q.word("~/a b"), q.word("~root/x"),
                q.word("~nosuchuser-jplay/x"), q.word("a~b"), q.word("~/$HOME")));
        String rootHome = System.getProperty("user.name").equals("root") ? System.getProperty("user.home") : "/root";
        assertEquals(List.of("/home/u", "/home/u/a b", rootHome + "/x", "~nosuchuser-jplay/x", "a~b", "/home/u//home/u"), got);
    }

    @Test
    void globWordsMatchFilesButKeepOtherCharactersLiteral(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("a.c"));
        Files.createFile(dir.resolve("b.h"));
        Files.createFile(dir.resolve("c d.txt"));
        List<String> got = throughSh(Map.of("D", dir.toString()), q -> List.of(q.globWord("$D/*.[ch]"), q.globWord("$D/c d.*"),
                q.globWord("$D/none*")));
        assertEquals(List.of(dir + "/a.c", dir + "/b.h", dir + "/c d.txt", dir + "/none*"), got);
    }
}
