package dev.jplay.engine.fuzz;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the loaders (playbooks, INI and YAML inventories, vars files, host patterns) with mutated
 * valid inputs: anything but jplay's own {@code InputError} is a bug. The short run is part of the
 * normal suite (fixed seed, so it is repeatable: 2000 cases or 20 s); the long one is tagged
 * {@code slow} and {@code fuzz}, with a new seed each time (printed, and reusable with
 * {@code -Djplay.fuzz.seed=N}); inputs that broke the contract are kept in {@code $TMPDIR/jplay-fuzz-findings}:
 * <pre>
 *   mvn -o -B -Djplay.target=target-x -pl engine test -Dtest=LoaderFuzzTest -DexcludedGroups= -Dgroups=fuzz -Djplay.fuzz.seconds=300
 * </pre>
 */
class LoaderFuzzTest {

    /** Inputs that broke the contract, kept for reproduction (a test's temp folder is deleted). */
    static final Path FINDINGS = Path.of(System.getProperty("java.io.tmpdir"), "jplay-fuzz-findings");

    @TempDir
    Path work;

    @Test
    void ourSeedsAreValid() throws Exception {
        new LoaderFuzzer(work, FINDINGS).checkSeedsLoad();
    }

    @Test
    void shortRun() throws Exception {
        LoaderFuzzer.Report r = new LoaderFuzzer(work, FINDINGS).run(20_241_128L, 2000, Duration.ofSeconds(20));
        System.out.println(r.summary());
        assertTrue(r.findings().isEmpty(), r.summary() + LoaderFuzzer.describe(r.findings()));
        assertTrue(r.cases() >= 200, "too few cases to mean anything: " + r.summary());
    }

    @Test
    @Tag("slow")
    @Tag("fuzz")
    void longRun() throws Exception {
        long seed = Long.getLong("jplay.fuzz.seed", System.nanoTime());
        int seconds = Integer.getInteger("jplay.fuzz.seconds", 120);
        LoaderFuzzer.Report r = new LoaderFuzzer(work, FINDINGS).run(seed, Integer.MAX_VALUE, Duration.ofSeconds(seconds));
        System.out.println(r.summary());
        assertTrue(r.findings().isEmpty(), r.summary() + LoaderFuzzer.describe(r.findings()));
    }
}
