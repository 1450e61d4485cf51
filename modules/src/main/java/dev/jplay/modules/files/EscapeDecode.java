package dev.jplay.modules.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Python's {@code codecs.escape_decode}: backslash escapes of a bytes literal turned into their bytes. */
final class EscapeDecode {
    private EscapeDecode() {
    }

    static byte[] of(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            byte c = in[i];
            if (c != '\\' || i + 1 >= in.length) {
                out.write(c);
                continue;
            }
            byte e = in[++i];
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> out.write(e);
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case 'x' -> {
                    if (i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                        out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                        i += 2;
                    } else {
                        out.write('\\');
                        out.write(e);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int k = 0; k < 2 && i + 1 < in.length && in[i + 1] >= '0' && in[i + 1] <= '7'; k++) {
                            v = v * 8 + (in[++i] - '0');
                        }
                        out.write(v & 0xff);
                    } else {
                        out.write('\\');
                        out.write(e);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
