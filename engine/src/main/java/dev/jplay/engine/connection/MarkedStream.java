package dev.jplay.engine.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one answer of a {@link ShellSession} from one stream: the bytes up to a line
 * {@code "\n<marker> <code>\n"}, and the code. The newline before the marker is the shell's own, so
 * the bytes before it are exactly what the command printed, with or without a final newline.
 */
final class MarkedStream {

    /** What came before the marker, and the number after it; {@code code} is -1 when the stream ended first. */
    record Segment(byte[] bytes, long code) {
    }

    private static final int MAX_CODE_DIGITS = 19;

    private final InputStream in;
    private final byte[] prefix;

    MarkedStream(InputStream in, String marker) {
        this.in = in;
        this.prefix = ("\n" + marker + " ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads until the marker line is complete, or the stream ends. */
    Segment next() throws IOException {
        Buffer buf = new Buffer();
        byte[] chunk = new byte[32 * 1024];
        int searchFrom = 0;
        int n;
        while ((n = in.read(chunk)) >= 0) {
            buf.write(chunk, 0, n);
            int at = buf.indexOf(prefix, searchFrom);
            while (at >= 0) {
                long code = codeAfter(buf, at + prefix.length);
                if (code >= 0) {
                    return new Segment(buf.copyOf(at), code);
                }
                if (code == INCOMPLETE) {
                    break;
                }
                at = buf.indexOf(prefix, at + 1);   // not a marker line after all
            }
            searchFrom = at >= 0 ? at : Math.max(0, buf.size() - prefix.length + 1);
        }
        return new Segment(buf.copyOf(buf.size()), -1);
    }

    private static final long INCOMPLETE = -2;
    private static final long MALFORMED = -3;

    /** The digits after the marker up to a newline; {@link #INCOMPLETE} if the line has not fully arrived. */
    private static long codeAfter(Buffer buf, int from) {
        byte[] b = buf.array();
        long code = 0;
        int i = from;
        for (; i < buf.size(); i++) {
            byte c = b[i];
            if (c == '\n') {
                return i == from ? MALFORMED : code;
            }
            if (c < '0' || c > '9' || i - from >= MAX_CODE_DIGITS) {
                return MALFORMED;
            }
            code = code * 10 + (c - '0');
        }
        return INCOMPLETE;
    }

    /** A byte buffer that can be searched in place. */
    private static final class Buffer extends ByteArrayOutputStream {
        byte[] array() {
            return buf;
        }

        byte[] copyOf(int length) {
            return java.util.Arrays.copyOf(buf, length);
        }

        int indexOf(byte[] needle, int from) {
            outer:
            for (int i = Math.max(0, from); i <= count - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (buf[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
