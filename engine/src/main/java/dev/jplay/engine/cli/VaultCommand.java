package dev.jplay.engine.cli;

import dev.jplay.engine.vault.VaultEnvelope;
import dev.jplay.engine.vault.VaultException;
import dev.jplay.engine.vault.VaultFileWriter;
import dev.jplay.engine.vault.VaultKeyring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jplay vault encrypt|decrypt|view|encrypt_string}: Ansible Vault's files and strings
 * ({@code $ANSIBLE_VAULT;1.1;AES256}, or 1.2 with a vault id), readable by {@code ansible-vault} and
 * the other way round. Files are replaced atomically and keep their mode. A wrong password or changed
 * data is exit code 3 and leaves every file as it was.
 */
@Command(name = "vault", sortOptions = false,
        description = "Encrypt, decrypt and view files and strings in Ansible Vault's format, compatible with ansible-vault.",
        subcommands = {VaultCommand.Encrypt.class, VaultCommand.Decrypt.class, VaultCommand.View.class, VaultCommand.EncryptString.class})
public final class VaultCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say what to do: jplay vault encrypt|decrypt|view|encrypt_string ...");
    }

    @Command(name = "encrypt", sortOptions = false, description = "Encrypt files in place (or into --output).")
    public static final class Encrypt implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "files to encrypt")
        List<Path> files = new ArrayList<>();

        @Option(names = "--output", paramLabel = "FILE", description = "write here instead of in place ('-': standard output); one FILE only")
        Path output;

        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "encrypt with the password of this --vault-id label")
        String encryptVaultId;

        @Mixin
        VaultOptions vault = new VaultOptions();

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() {
            checkOutput(spec, output, files);
            Map<Path, byte[]> plain = new LinkedHashMap<>();
            for (Path f : files) {
                byte[] data = read(f);
                if (VaultEnvelope.isVaulted(new String(data, 0, Math.min(data.length, 64), StandardCharsets.ISO_8859_1))) {
                    return refuse(spec, f, "is already vault-encrypted");
                }
                plain.put(f, data);
            }
            VaultKeyring keyring = vault.keyringOrAsk(true);
            try {
                for (var e : plain.entrySet()) {
                    write(spec, output != null ? output : e.getKey(), keyring.encrypt(e.getValue(), encryptVaultId)
                            .getBytes(StandardCharsets.US_ASCII));
                }
            } catch (VaultException e) {
                return refuse(spec, null, e.getMessage());
            }
            spec.commandLine().getErr().println("Encryption successful");
            return ExitCodes.OK;
        }
    }

    @Command(name = "decrypt", sortOptions = false, description = "Decrypt vaulted files in place (or into --output).")
    public static final class Decrypt implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "vaulted files to decrypt")
        List<Path> files = new ArrayList<>();

        @Option(names = "--output", paramLabel = "FILE", description = "write here instead of in place ('-': standard output); one FILE only")
        Path output;

        @Mixin
        VaultOptions vault = new VaultOptions();

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() {
            checkOutput(spec, output, files);
            Map<Path, String> vaulted = new LinkedHashMap<>();
            for (Path f : files) {
                String text = new String(read(f), StandardCharsets.ISO_8859_1);
                if (!VaultEnvelope.isVaulted(text)) {
                    return refuse(spec, f, "is not vault-encrypted (it does not start with " + VaultEnvelope.HEADER + ")");
                }
                vaulted.put(f, text);
            }
            VaultKeyring keyring = vault.keyringOrAsk(false);
            // decrypt every file before writing any: one bad file leaves all of them as they were
            Map<Path, byte[]> plain = new LinkedHashMap<>();
            for (var e : vaulted.entrySet()) {
                try {
                    plain.put(e.getKey(), keyring.decrypt(e.getValue()));
                } catch (VaultException ex) {
                    return refuse(spec, e.getKey(), ex.getMessage());
                }
            }
            plain.forEach((f, data) -> write(spec, output != null ? output : f, data));
            spec.commandLine().getErr().println("Decryption successful");
            return ExitCodes.OK;
        }
    }

    @Command(name = "view", sortOptions = false, description = "Print the plaintext of vaulted files.")
    public static final class View implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "vaulted files to show")
        List<Path> files = new ArrayList<>();

        @Mixin
        VaultOptions vault = new VaultOptions();

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() {
            List<String> texts = new ArrayList<>();
            for (Path f : files) {
                texts.add(new String(read(f), StandardCharsets.ISO_8859_1));
                if (!VaultEnvelope.isVaulted(texts.get(texts.size() - 1))) {
                    return refuse(spec, f, "is not vault-encrypted (it does not start with " + VaultEnvelope.HEADER + ")");
                }
            }
            VaultKeyring keyring = vault.keyringOrAsk(false);
            PrintWriter out = spec.commandLine().getOut();
            for (int i = 0; i < files.size(); i++) {
                try {
                    out.print(new String(keyring.decrypt(texts.get(i)), StandardCharsets.UTF_8));
                } catch (VaultException e) {
                    out.flush();
                    return refuse(spec, files.get(i), e.getMessage());
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "encrypt_string", sortOptions = false,
            description = "Print strings encrypted as YAML '!vault |' values to paste into vars files and playbooks. "
                    + "Without STRING (or with '-'), encrypts all of standard input.")
    public static final class EncryptString implements Callable<Integer> {
        private static final int INDENT = 10;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "STRING", arity = "0..*", description = "strings to encrypt")
        List<String> strings = new ArrayList<>();

        @Option(names = {"-n", "--name"}, paramLabel = "VAR", description = "variable name for the STRING in the same position")
        List<String> names = new ArrayList<>();

        @Option(names = "--stdin-name", paramLabel = "VAR", description = "variable name for the string read from standard input")
        String stdinName;

        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "encrypt with the password of this --vault-id label")
        String encryptVaultId;

        @Mixin
        VaultOptions vault = new VaultOptions();

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() {
            List<String> args = strings.stream().filter(s -> !s.equals("-")).toList();
            boolean fromStdin = args.isEmpty() || strings.contains("-") || stdinName != null;
            if (args.stream().anyMatch(String::isEmpty)) {
                throw new ParameterException(spec.commandLine(), "an empty string cannot be encrypted");
            }
            // the password first: without a terminal it is the first line of standard input, the plaintext the rest
            VaultKeyring keyring = vault.keyringOrAsk(true);
            List<String[]> items = new ArrayList<>();
            if (fromStdin) {
                byte[] in = readStdin();
                if (in.length == 0) {
                    throw new ParameterException(spec.commandLine(), "standard input was empty; nothing to encrypt");
                }
                items.add(new String[] {stdinName, new String(in, StandardCharsets.UTF_8)});
            }
            for (int i = 0; i < args.size(); i++) {
                items.add(new String[] {i < names.size() ? names.get(i) : null, args.get(i)});
            }
            List<String> blocks = new ArrayList<>();
            try {
                for (String[] item : items) {
                    blocks.add(yamlBlock(item[0], keyring.encrypt(item[1].getBytes(StandardCharsets.UTF_8), encryptVaultId)));
                }
            } catch (VaultException e) {
                return refuse(spec, null, e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(String.join("\n", blocks));
            out.flush();
            spec.commandLine().getErr().println("Encryption successful");
            return ExitCodes.OK;
        }

        /** As ansible-vault prints it: {@code name: !vault |} then the vaulted lines indented by 10. */
        static String yamlBlock(String name, String vaulted) {
            StringBuilder sb = new StringBuilder(name != null ? name + ": " : "").append("!vault |");
            for (String line : vaulted.split("\n")) {
                sb.append('\n').append(" ".repeat(INDENT)).append(line);
            }
            return sb.toString();
        }

        private static byte[] readStdin() {
            try {
                return System.in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
            }
        }
    }

    private static void checkOutput(CommandSpec spec, Path output, List<Path> files) {
        if (output != null && files.size() > 1) {
            throw new ParameterException(spec.commandLine(), "--output takes one input FILE, not " + files.size());
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(f + ": file not found", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static void write(CommandSpec spec, Path target, byte[] data) {
        if (target.toString().equals("-")) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(new String(data, StandardCharsets.UTF_8));
            out.flush();
        } else {
            VaultFileWriter.replace(target, data);
        }
    }

    /** Bad input (already vaulted, not vaulted, wrong password, changed data): exit 3, files untouched. */
    private static int refuse(CommandSpec spec, Path file, String message) {
        spec.commandLine().getErr().println("ERROR! " + (file != null ? file + ": " : "") + message);
        spec.commandLine().getErr().flush();
        return ExitCodes.INVALID_INPUT;
    }
}
