package dev.jplay.engine.cli;

import dev.jplay.engine.vault.VaultEnvelope;
import dev.jplay.engine.vault.VaultException;
import dev.jplay.engine.vault.VaultFileWriter;
import dev.jplay.engine.vault.VaultKeyring;
import dev.jplay.engine.vault.VaultPasswordSource;
import dev.jplay.engine.vault.VaultPasswords;
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
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jplay vault encrypt|decrypt|view|encrypt_string|create|edit|rekey}: Ansible Vault's files and strings
 * ({@code $ANSIBLE_VAULT;1.1;AES256}, or 1.2 with a vault id), readable by {@code ansible-vault} and
 * the other way round. Files are replaced atomically and keep their mode. A wrong password or changed
 * data is exit code 3 and leaves every file as it was.
 */
@Command(name = "vault", sortOptions = false,
        description = "Encrypt, decrypt and view files and strings in Ansible Vault's format, compatible with ansible-vault.",
        subcommands = {VaultCommand.Encrypt.class, VaultCommand.Decrypt.class, VaultCommand.View.class, VaultCommand.EncryptString.class,
                VaultCommand.Create.class, VaultCommand.Edit.class, VaultCommand.Rekey.class})
public final class VaultCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say what to do: jplay vault encrypt|decrypt|view|encrypt_string|create|edit|rekey ...");
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

    @Command(name = "create", sortOptions = false,
            description = "Create a vaulted file: $EDITOR (else vi) opens an empty file and what is saved there is encrypted.")
    public static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the new file (it must not exist)")
        Path file;

        @Option(names = "--encrypt-vault-id", paramLabel = "LABEL", description = "encrypt with the password of this --vault-id label")
        String encryptVaultId;

        @Mixin
        VaultOptions vault = new VaultOptions();

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return refuse(spec, file, "exists, please use 'edit' instead");
            }
            VaultKeyring keyring = vault.keyringOrAsk(true);
            byte[] typed = VaultEditor.fromEnvironment(VaultOptions.environment()).edit(new byte[0], suffix(file));
            if (typed.length == 0) {
                // as ansible-vault: nothing saved, no file
                spec.commandLine().getErr().println("Nothing was written; " + file + " was not created");
                return ExitCodes.OK;
            }
            try {
                String vaulted = keyring.encrypt(typed, encryptVaultId);
                createParent(file);
                VaultFileWriter.replace(file, vaulted.getBytes(StandardCharsets.US_ASCII));
            } catch (VaultException e) {
                return refuse(spec, null, e.getMessage());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "edit", sortOptions = false,
            description = "Edit a vaulted file: $EDITOR (else vi) opens a private decrypted copy; a changed text is "
                    + "encrypted again with the same password and vault id.")
    public static final class Edit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the vaulted file to edit")
        Path file;

        @Mixin
        VaultOptions vault = new VaultOptions();

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() {
            String text = new String(read(file), StandardCharsets.ISO_8859_1);
            if (!VaultEnvelope.isVaulted(text)) {
                return refuse(spec, file, "is not vault-encrypted (it does not start with " + VaultEnvelope.HEADER + ")");
            }
            VaultKeyring keyring = vault.keyringOrAsk(false);
            byte[] plain;
            try {
                plain = keyring.decrypt(text);
            } catch (VaultException e) {
                return refuse(spec, file, e.getMessage());
            }
            byte[] edited = VaultEditor.fromEnvironment(VaultOptions.environment()).edit(plain, suffix(file));
            boolean same = Arrays.equals(edited, plain);
            Arrays.fill(plain, (byte) 0);
            if (same) {
                // as ansible-vault: an unchanged text leaves the file (and its salt) as it was
                return ExitCodes.OK;
            }
            VaultFileWriter.replace(file, keyring.reencrypt(text, edited).getBytes(StandardCharsets.US_ASCII));
            return ExitCodes.OK;
        }
    }

    @Command(name = "rekey", sortOptions = false,
            description = "Encrypt vaulted files again with a new password (asked for when no --new-vault-password-file "
                    + "or --new-vault-id is given).")
    public static final class Rekey implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "vaulted files to rekey")
        List<Path> files = new ArrayList<>();

        @Option(names = "--new-vault-password-file", paramLabel = "FILE", description = "the new vault password file")
        Path newPasswordFile;

        @Option(names = "--new-vault-id", paramLabel = "[LABEL@]SOURCE", description = "the new vault id: LABEL@prompt or LABEL@FILE")
        String newVaultId;

        @Mixin
        VaultOptions vault = new VaultOptions();

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Override
        public Integer call() {
            Map<Path, String> vaulted = new LinkedHashMap<>();
            for (Path f : files) {
                String text = new String(read(f), StandardCharsets.ISO_8859_1);
                if (!VaultEnvelope.isVaulted(text)) {
                    return refuse(spec, f, "is not vault-encrypted (it does not start with " + VaultEnvelope.HEADER + ")");
                }
                vaulted.put(f, text);
            }
            VaultKeyring old = vault.keyringOrAsk(false);
            Map<Path, byte[]> plain = new LinkedHashMap<>();
            for (var e : vaulted.entrySet()) {
                try {
                    plain.put(e.getKey(), old.decrypt(e.getValue()));
                } catch (VaultException ex) {
                    return refuse(spec, e.getKey(), ex.getMessage());
                }
            }
            VaultKeyring fresh = newKeyring();
            // all encrypted before any is written: a failure leaves every file as it was
            Map<Path, String> rekeyed = new LinkedHashMap<>();
            try {
                plain.forEach((f, data) -> rekeyed.put(f, fresh.encrypt(data, null)));
            } catch (VaultException e) {
                return refuse(spec, null, e.getMessage());
            }
            rekeyed.forEach((f, text) -> VaultFileWriter.replace(f, text.getBytes(StandardCharsets.US_ASCII)));
            spec.commandLine().getErr().println("Rekey successful");
            return ExitCodes.OK;
        }

        private VaultKeyring newKeyring() {
            List<VaultPasswordSource> sources = VaultPasswords.sources(false,
                    newPasswordFile != null ? List.of(newPasswordFile) : List.of(), newVaultId != null ? List.of(newVaultId) : List.of(),
                    Map.of(), true);
            if (sources.isEmpty()) {
                sources = List.of(new VaultPasswordSource.Prompt(VaultEnvelope.DEFAULT_ID, true));
            }
            return VaultPasswords.read(sources, VaultOptions.prompt());
        }
    }

    /** The file's extension, so the editor shows the plaintext as what it is. */
    private static String suffix(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.substring(dot).matches("\\.[A-Za-z0-9]{1,10}") ? name.substring(dot) : "";
    }

    private static void createParent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent + ": " + e.getMessage(), e);
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
