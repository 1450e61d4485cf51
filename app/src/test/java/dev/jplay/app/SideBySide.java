package dev.jplay.app;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ansible-playbook} (Debian's ansible-core 2.14) and jplay, each as its own process
 * in the same folder with the same arguments and environment, so a test can hold jplay's output against
 * Ansible's on the same playbook. Without Ansible on the PATH such a test is skipped, never passed.
 * Neither sees the caller's ANSIBLE_* / JPLAY_* variables; Ansible's own state stays in the folder.
 */
final class SideBySide {
    private SideBySide() {
    }

    /** What one program printed and returned. */
    record Run(String program, int exitCode, String out, String err) {
        String all() {
            return "$ " + program + "\n--- exit " + exitCode + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    /** Writes the same file into {@code root}/ansible and {@code root}/jplay, the two sides' folders. */
    static void writeBoth(Path root, String relative, String text) throws IOException {
        for (String side : new String[] {"ansible", "jplay"}) {
            Path p = root.resolve(side).resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        }
    }

    static Run ansible(Path dir, Map<String, String> env, String... args) {
        return ansibleTool(dir, env, "ansible-playbook", args);
    }

    /** Another Ansible program: ansible-doc, ansible-vault, ... */
    static Run ansibleTool(Path dir, Map<String, String> env, String program, String... args) {
        Assumptions.assumeTrue(onPath(program), program + " is not installed");
        List<String> cmd = new ArrayList<>(List.of(program));
        cmd.addAll(List.of(args));
        Map<String, String> all = new java.util.HashMap<>(Map.of("ANSIBLE_LOCAL_TEMP", dir.resolve(".home/.ansible/tmp").toString(),
                "ANSIBLE_PYTHON_INTERPRETER", "auto_silent"));
        all.putAll(env);
        return exec(dir, all, cmd);
    }

    /** jplay on the test JVM's class path ({@code dev.jplay.engine.cli.Main}), in {@code dir}. */
    static Run jplay(Path dir, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.jplay.engine.cli.Main"));
        cmd.addAll(List.of(args));
        return exec(dir, env, cmd);
    }

    private static Run exec(Path dir, Map<String, String> env, List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("ANSIBLE_") || k.startsWith("JPLAY_") || k.equals("FORCE_COLOR") || k.equals("NO_COLOR"));
        e.put("HOME", dir.resolve(".home").toString());
        e.putAll(env);
        try {
            Files.createDirectories(dir.resolve(".home"));
            Path out = Files.createTempFile(dir.resolve(".home"), "out", ".txt");
            Path err = Files.createTempFile(dir.resolve(".home"), "err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd.get(0) + " did not finish in 180 s");
            }
            String shown = cmd.get(0).endsWith("java") ? "jplay " + String.join(" ", cmd.subList(6, cmd.size())) : String.join(" ", cmd);
            Run r = new Run(shown, p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        for (String d : path == null ? new String[0] : path.split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
