package dev.jplay.app.faults;

import dev.jplay.app.badinput.InProcessJplay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jplay killed (SIGKILL) while it streams a file to a local target: the write on the host sees its
 * input end early. The target must stay the old file (or be the whole new one), never a partial
 * one; the temp file must go; the next run must write the file once and then report nothing to do.
 * No test hosts needed: the local connection has the same atomic write as SSH.
 */
class LocalWriteKillTest {

    @TempDir
    Path dir;

    @Test
    void killedMidTransferLeavesTheOldFileAndNoTempFile() throws Exception {
        BigFile big = BigFile.create(dir.resolve("big.bin"), 200);
        Path out = Files.createDirectories(dir.resolve("out"));
        Path target = Files.writeString(out.resolve("big.bin"), "old\n");
        Path inv = Files.writeString(dir.resolve("hosts.ini"), "local1 ansible_connection=local\n");
        Path pb = Files.writeString(dir.resolve("copy.yml"), """
                - hosts: local1
                  gather_facts: false
                  tasks:
                    - name: big copy
                      copy: {src: big.bin, dest: "%s"}
                """.formatted(target));

        long seen;
        try (JplayProcess p = JplayProcess.start(dir, List.of(), List.of(pb, "-i", inv))) {
            seen = awaitPartialTemp(out, big.size(), Duration.ofSeconds(60));
            p.signal("KILL");
            assertEquals(137, p.waitFor(Duration.ofSeconds(30)), p.all());
        }
        System.out.println("killed with " + seen + " of " + big.size() + " bytes in the temp file");
        assertTrue(seen > 0 && seen < big.size(), "the kill came mid-transfer");
        // the write script outlives jplay for a moment: it sees the early end of its input, refuses, cleans up
        awaitNoTemp(out, Duration.ofSeconds(20));
        assertEquals(BigFile.sha256("old\n".getBytes()), BigFile.sha256(Files.readAllBytes(target)),
                "the target is the old file, not a partial one of " + Files.size(target) + " bytes");

        InProcessJplay again = InProcessJplay.run(pb, "-i", inv);
        assertEquals(0, again.exitCode(), again.all());
        assertEquals(1, Recap.of(again.out()).get("local1", "changed"), again.all());
        assertEquals(big.sha256(), BigFile.sha256(Files.readAllBytes(target)));
        InProcessJplay third = InProcessJplay.run(pb, "-i", inv);
        assertEquals(0, Recap.of(third.out()).get("local1", "changed"), third.all());
        assertEquals(List.of(), temps(out));
    }

    /** Waits until a temp file of the target holds some but not all bytes; returns its size. */
    private static long awaitPartialTemp(Path out, long full, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            for (Path t : temps(out)) {
                long size = sizeOf(t);
                if (size > 0 && size < full) {
                    return size;
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no partly written temp file appeared in " + out + " within " + limit);
    }

    private static void awaitNoTemp(Path out, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!temps(out).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), temps(out), "temp files left behind");
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;   // renamed or removed meanwhile
        }
    }

    static List<Path> temps(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(".jplay-tmp.")).toList();
        }
    }
}
