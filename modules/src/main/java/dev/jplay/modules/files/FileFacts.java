package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The content and/or SHA-1 of many files on the host in one round trip, for find's contains and
 * get_checksum. Paths go in on stdin, one per line; each answer is one line ({@code C<sha1>} and
 * {@code B<base64>}, or {@code -} when unreadable), so content never breaks the framing. Paths
 * holding a newline are not asked about (they have no facts).
 *
 * @param content the file's bytes, or null when unreadable
 * @param sha1    its SHA-1, or null
 */
record FileFacts(byte[] content, String sha1) {

    static Map<String, FileFacts> read(ModuleContext ctx, List<String> paths, boolean content, boolean checksum)
            throws ModuleFailure {
        List<String> asked = paths.stream().filter(p -> p.indexOf('\n') < 0).toList();
        Map<String, FileFacts> facts = new HashMap<>();
        if (asked.isEmpty()) {
            return facts;
        }
        String script = "while IFS= read -r jp_p; do "
                + "if [ -r \"$jp_p\" ]; then "
                + (checksum ? "jp_s=$(sha1sum < \"$jp_p\") && printf 'C%s\\n' \"${jp_s%% *}\" || echo -; " : "echo -; ")
                + (content ? "{ printf B; base64 < \"$jp_p\" | tr -d '\\n'; echo; } || echo -; " : "echo -; ")
                + "else echo -; echo -; fi; done";
        StringBuilder in = new StringBuilder();
        asked.forEach(p -> in.append(p.startsWith("-") ? "./" + p : p).append('\n'));
        ExecResult r = ctx.exec(script, in.toString().getBytes(StandardCharsets.UTF_8));
        if (!r.ok()) {
            throw new ModuleFailure("cannot read the found files on the host: " + r.errTrimmed());
        }
        String[] lines = r.out().split("\n", -1);
        for (int i = 0; i < asked.size() && 2 * i + 1 < lines.length; i++) {
            String c = lines[2 * i];
            String b = lines[2 * i + 1];
            facts.put(asked.get(i), new FileFacts(b.startsWith("B") ? Base64.getMimeDecoder().decode(b.substring(1)) : null,
                    c.startsWith("C") ? c.substring(1) : null));
        }
        return facts;
    }
}
