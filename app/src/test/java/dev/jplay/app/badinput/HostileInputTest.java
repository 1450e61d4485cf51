package dev.jplay.app.badinput;

import dev.jplay.app.faults.JplayProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input built to hurt — a 50 MB file, alias bombs, nesting 100 000 deep, a million values, a bad byte
 * after 7 MB — is refused quickly and without eating memory. Each case runs twice: in this JVM, where
 * it must be refused within {@value #LIMIT_S} s (generous: each takes well under a second), and as its
 * own process with a 128 MB heap, where it must be refused the same way (no OutOfMemoryError) within
 * {@value #PROCESS_LIMIT_S} s, JVM start on a busy machine included.
 */
class HostileInputTest {
    private static final int LIMIT_S = 5;
    private static final int PROCESS_LIMIT_S = 20;
    private static final List<String> SMALL_HEAP = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @TempDir
    static Path dir;
    static Path marker;

    @BeforeAll
    static void markerPlaybook() throws IOException {
        marker = Files.writeString(dir.resolve("marker.yml"), BadInputCase.MARKER_PLAY);
    }

    /** Runs jplay in-process, then with a small heap; returns its first error line after checking exit 3, speed and that nothing ran. */
    private static String refused(Object... args) throws Exception {
        InProcessJplay here = InProcessJplay.run(args);
        System.out.println(here.millis() + " ms in-process: " + here.firstErrorLine());
        assertEquals(3, here.exitCode(), here.all());
        assertTrue(here.millis() < LIMIT_S * 1000L, "took " + here.millis() + " ms\n" + here.all());
        long t0 = System.nanoTime();
        try (JplayProcess p = JplayProcess.start(dir, SMALL_HEAP, List.of(args))) {
            int code = p.waitFor(Duration.ofSeconds(PROCESS_LIMIT_S + 30));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println(ms + " ms as a process with -Xmx128m");
            assertEquals(3, code, p.all());
            assertTrue(ms < PROCESS_LIMIT_S * 1000L, "took " + ms + " ms\n" + p.all());
            assertFalse(p.out().contains("TASK ["), p.all());
            assertFalse(Files.exists(dir.resolve("marker")), "nothing may run\n" + p.all());
            assertFalse(p.err().contains("OutOfMemoryError") || p.err().contains("INTERNAL ERROR"), p.all());
            String first = p.err().lines().findFirst().orElse("");
            assertEquals(here.firstErrorLine(), first, "the same refusal with a small heap");
            return first;
        }
    }

    /** A file of about {@code mb} MB: {@code head}, then {@code line} repeated. */
    private static Path big(String name, String head, String line, int mb) {
        Path f = dir.resolve(name);
        byte[] chunk = line.repeat(Math.max(1, 65536 / line.length())).getBytes(StandardCharsets.UTF_8);
        try (OutputStream o = Files.newOutputStream(f)) {
            o.write(head.getBytes(StandardCharsets.UTF_8));
            for (long n = 0; n < (long) mb * 1024 * 1024; n += chunk.length) {
                o.write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    @Test
    void fiftyMegabytePlaybookInventoryAndVarsFiles() throws Exception {
        Path pb = big("big.yml", BadInputCase.MARKER_PLAY, "    - debug: msg=" + "x".repeat(60) + "\n", 50);
        String msg = refused(pb);
        assertTrue(msg.startsWith("ERROR! " + pb + ": file is 50."), msg);
        assertTrue(msg.contains("MiB, larger than the 8 MiB jplay reads: expected a playbook, inventory or vars file under 8 MiB"), msg);

        Path inv = big("big.ini", "[web]\n", "web01 ansible_host=127.0.0.1 some_var=" + "y".repeat(40) + "\n", 50);
        msg = refused(marker, "-i", inv);
        assertTrue(msg.startsWith("ERROR! " + inv + ": file is 50."), msg);

        Path vars = big("big-vars.yml", "", "k: " + "z".repeat(70) + "\n", 50);
        msg = refused(marker, "-e", "@" + vars);
        assertTrue(msg.startsWith("ERROR! " + vars + ": file is 50."), msg);

        Path withVarsFile = Files.writeString(dir.resolve("vars-file.yml"), BadInputCase.MARKER_PLAY
                + "- hosts: localhost\n  vars_files: [big-vars.yml]\n  tasks: []\n");
        msg = refused(withVarsFile);
        assertTrue(msg.startsWith("ERROR! " + vars + ": file is 50."), msg);
    }

    @Test
    void billionLaughs() throws Exception {
        Path bomb = corpusCase("104-yaml-alias-bomb.yml");
        String msg = refused(bomb);
        assertTrue(msg.contains("YAML expands to more than a million nodes through its aliases"), msg);
    }

    @Test
    void manyAliasesOfOneBigList() throws Exception {
        String big = "[" + String.join(",", java.util.Collections.nCopies(1000, "x")) + "]";
        String refs = "[" + String.join(",", java.util.Collections.nCopies(500, "*a")) + "]";
        Path pb = Files.writeString(dir.resolve("wide.yml"), BadInputCase.MARKER_PLAY
                + "- hosts: localhost\n  vars:\n    a: &a " + big + "\n    b: " + refs + "\n  tasks: []\n");
        String msg = refused(pb);
        assertTrue(msg.startsWith("ERROR! " + pb + ":9:"), msg);
        assertTrue(msg.contains("YAML uses more than 100 aliases of lists or mappings (an alias bomb?)"), msg);
    }

    @Test
    void nestingHundredThousandDeep() throws Exception {
        Path pb = Files.writeString(dir.resolve("deep.yml"), BadInputCase.MARKER_PLAY
                + "- hosts: localhost\n  vars:\n    d: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n  tasks: []\n");
        String msg = refused(pb);
        assertTrue(msg.startsWith("ERROR! " + pb + ":8:"), msg);
        assertTrue(msg.contains("YAML is nested deeper than 200 levels"), msg);
        assertTrue(refused(corpusCase("106-yaml-deep-nesting-block.yml")).contains("YAML is nested deeper than 200 levels"));
    }

    @Test
    void aMillionValuesWithoutAliases() throws Exception {
        List<String> ones = new ArrayList<>(java.util.Collections.nCopies(1_000_000, "1"));
        Path pb = Files.writeString(dir.resolve("wide-list.yml"), BadInputCase.MARKER_PLAY
                + "- hosts: localhost\n  vars:\n    l: [" + String.join(",", ones) + "]\n  tasks: []\n");
        String msg = refused(pb);
        assertTrue(msg.startsWith("ERROR! " + pb + ":8:"), msg);
        assertTrue(msg.contains("YAML holds more than 250000 values: expected at most 250000 in one file"), msg);
    }

    @Test
    void aBadByteAfterSevenMegabytes() throws Exception {
        Path pb = big("late.yml", BadInputCase.MARKER_PLAY, "# " + "c".repeat(98) + "\n", 7);
        Files.write(pb, "# caf\u00e9 in latin-1: \n".getBytes(StandardCharsets.ISO_8859_1), java.nio.file.StandardOpenOption.APPEND);
        long lines = Files.lines(pb, StandardCharsets.ISO_8859_1).count();
        String msg = refused(pb);
        assertTrue(msg.startsWith("ERROR! " + pb + ":" + lines + ":6: the file is not valid UTF-8 (byte 0xe9"), msg);
    }

    private static Path corpusCase(String name) throws IOException {
        return Files.copy(BadInputCase.corpus().resolve("cases").resolve(name), dir.resolve(name));
    }
}
