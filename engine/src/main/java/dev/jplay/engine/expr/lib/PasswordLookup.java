package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The password lookup: "path [length=N] [chars=c1,c2] [encrypt=sha512_crypt] [seed=s]". The first call
 * writes a new random password to the file (mode 0600, folders 0700), later calls read it back, as
 * Ansible's file format says: "password[ salt=S[ ident=I]]". With encrypt, the salt is kept in the file and
 * the crypt hash is returned. /dev/null gives a new password every time and writes nothing.
 */
final class PasswordLookup {
    private static final Set<String> VALID = Set.of("length", "encrypt", "chars", "ident", "seed");
    private static final Map<String, String> STRING_MODULE = Map.of(
            "ascii_letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "ascii_lowercase", "abcdefghijklmnopqrstuvwxyz",
            "ascii_uppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "digits", "0123456789",
            "hexdigits", "0123456789abcdefABCDEF",
            "octdigits", "01234567",
            "punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
            "whitespace", " \t\n\r\u000b\f");
    private static final String SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordLookup() {
    }

    static void register(Library.Builder b) {
        b.lookup("password", PasswordLookup::run);
    }

    private static List<Object> run(List<Object> terms, CallArgs a, CallContext ctx) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            String term = PyValues.str(t);
            int space = term.indexOf(' ');
            String relpath = space < 0 ? term : term.substring(0, space);
            Map<String, String> params = new java.util.LinkedHashMap<>();
            if (space >= 0) {
                KeyValues.Parsed p = KeyValues.parse(term.substring(space + 1));
                if (!p.raw().isEmpty()) {
                    relpath = relpath + " " + p.raw();
                    if (!term.startsWith(relpath)) {
                        throw new FilterError("Unrecognized value after key=value parameters given to password lookup");
                    }
                }
                params.putAll(p.pairs());
            }
            List<String> invalid = params.keySet().stream().filter(k -> !VALID.contains(k)).toList();
            if (!invalid.isEmpty()) {
                throw new FilterError("Unrecognized parameter(s) given to password lookup: " + String.join(", ", invalid));
            }
            Object lengthArg = params.containsKey("length") ? params.get("length") : a.named().getOrDefault("length", 20L);
            Number length = lengthArg instanceof Number n ? n : PyNumbers.parseInt(PyValues.str(lengthArg), 10);
            if (length == null) {
                throw new FilterError("password lookup: length must be an integer, got " + PyValues.repr(lengthArg));
            }
            Object encryptArg = params.containsKey("encrypt") ? params.get("encrypt") : a.named().get("encrypt");
            String encrypt = encryptArg == null ? null : PyValues.str(encryptArg);
            Object seed = params.containsKey("seed") ? params.get("seed") : a.named().get("seed");
            String chars = candidateChars(params.containsKey("chars") ? params.get("chars") : a.named().get("chars"));
            Path path = ControllerFiles.baseDir(ctx).resolve(PyPaths.expanduser(relpath)).normalize();
            out.add(passwordFor(path, (int) length.longValue(), chars, seed, encrypt));
        }
        return out;
    }

    /** Ansible's chars: names of Python's string module constants or literal characters; quotes removed. */
    private static String candidateChars(Object spec) {
        List<String> parts = new ArrayList<>();
        if (spec == null) {
            parts.addAll(List.of("ascii_letters", "digits", ".,:-_"));
        } else if (spec instanceof CharSequence s) {
            String text = s.toString();
            if (text.contains(",,")) {
                parts.add(",");
            }
            for (String c : text.replace(",,", ",").split(",")) {
                if (!c.isEmpty()) {
                    parts.add(c);
                }
            }
        } else {
            Operands.iterate(spec, "password(chars)").forEach(o -> parts.add(PyValues.str(o)));
        }
        StringBuilder sb = new StringBuilder();
        parts.forEach(p -> sb.append(STRING_MODULE.getOrDefault(p, p)));
        String chars = sb.toString().replace("\"", "").replace("'", "");
        if (chars.isEmpty()) {
            throw new FilterError("password lookup: chars gives no characters to choose from");
        }
        return chars;
    }

    private static synchronized String passwordFor(Path path, int length, String chars, Object seed, String encrypt) {
        boolean devNull = path.toString().equals("/dev/null");
        String password;
        String salt = null;
        String ident = null;
        boolean changed = false;
        if (devNull || !Files.exists(path)) {
            password = randomText(length, chars, seed);
            changed = true;
        } else {
            String content = PyText.strip(ControllerFiles.read(path, "password"), null, false, true);
            int sep = content.lastIndexOf(" salt=");
            password = content;
            if (sep >= 0) {
                String rest = content.substring(sep + 6);
                password = content.substring(0, sep);
                int id = rest.lastIndexOf(" ident=");
                salt = id < 0 ? rest : rest.substring(0, id);
                ident = id < 0 ? null : rest.substring(id + 7);
            }
        }
        if (encrypt != null && salt == null) {
            salt = randomText(encrypt.equals("md5_crypt") ? 8 : 16, SALT_CHARS, null);
            changed = true;
        }
        if (changed && !devNull) {
            String content = encrypt == null && salt == null ? password
                    : ident != null ? password + " salt=" + salt + " ident=" + ident : password + " salt=" + salt;
            write(path, content + "\n");
        }
        if (encrypt == null) {
            return password;
        }
        return HashFilters.passwordHash(password, encrypt, salt, null, null, ident);
    }

    private static String randomText(int length, String chars, Object seed) {
        StringBuilder sb = new StringBuilder();
        PyRandom seeded = seed == null ? null : new PyRandom(seed);
        List<Object> pool = Operands.iterate(chars, "password");
        for (int i = 0; i < length; i++) {
            sb.append(seeded != null ? seeded.choice(pool) : pool.get(RANDOM.nextInt(pool.size())));
        }
        return sb.toString();
    }

    private static void write(Path path, String content) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new FilterError("password lookup could not write " + path + ": " + e.getMessage());
        }
    }
}
