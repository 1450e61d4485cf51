package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's random.Random(seed): the Mersenne Twister seeded as CPython 3 seeds it (an int by its 32-bit
 * words, a str by its UTF-8 bytes followed by their SHA-512), with randbelow, choice, randrange and shuffle
 * drawing bits as CPython does, so a seeded random or shuffle gives Ansible's very result.
 */
final class PyRandom {
    private final int[] mt = new int[624];
    private int index = 625;

    PyRandom(Object seed) {
        BigInteger n = seedInteger(seed).abs();
        List<Integer> key = new ArrayList<>();
        do {
            key.add(n.intValue());
            n = n.shiftRight(32);
        } while (n.signum() != 0);
        initByArray(key);
    }

    private static BigInteger seedInteger(Object seed) {
        if (seed instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (seed instanceof Number n && !PyValues.isFloat(n)) {
            return n instanceof BigInteger bi ? bi : BigInteger.valueOf(n.longValue());
        }
        if (seed instanceof CharSequence s) {
            byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
            byte[] digest;
            try {
                digest = MessageDigest.getInstance("SHA-512").digest(bytes);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            byte[] all = new byte[bytes.length + digest.length];
            System.arraycopy(bytes, 0, all, 0, bytes.length);
            System.arraycopy(digest, 0, all, bytes.length, digest.length);
            return new BigInteger(1, all);
        }
        throw new FilterError("seed must be an integer or a string, got " + Operands.describe(seed));
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < 624; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = 624;
    }

    private void initByArray(List<Integer> key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        int n = key.size();
        for (int k = Math.max(624, n); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key.get(j) + j;
            i++;
            j++;
            if (i >= 624) {
                mt[0] = mt[623];
                i = 1;
            }
            if (j >= n) {
                j = 0;
            }
        }
        for (int k = 623; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= 624) {
                mt[0] = mt[623];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    private int next32() {
        if (index >= 624) {
            for (int k = 0; k < 624; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
                mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** getrandbits(k) for k up to 63: CPython fills from the least significant 32-bit word up. */
    private long bits(int k) {
        if (k <= 32) {
            return (next32() & 0xffffffffL) >>> (32 - k);
        }
        long low = next32() & 0xffffffffL;
        long high = (next32() & 0xffffffffL) >>> (64 - k);
        return (high << 32) | low;
    }

    /** _randbelow(n): k = n.bit_length() bits, drawn again while too large. */
    long below(long n) {
        if (n <= 0) {
            return 0;
        }
        int k = 64 - Long.numberOfLeadingZeros(n);
        long r = bits(k);
        while (r >= n) {
            r = bits(k);
        }
        return r;
    }

    Object choice(List<Object> items) {
        if (items.isEmpty()) {
            throw new FilterError("Cannot choose from an empty sequence");
        }
        return items.get((int) below(items.size()));
    }

    /** randrange(start, stop, step) as CPython 3.11 computes it. */
    long randrange(long start, long stop, long step) {
        long width = stop - start;
        if (step == 1) {
            if (width > 0) {
                return start + below(width);
            }
            throw new FilterError("empty range for randrange() (" + start + ", " + stop + ", " + width + ")");
        }
        if (step == 0) {
            throw new FilterError("zero step for randrange()");
        }
        long n = step > 0 ? Math.floorDiv(width + step - 1, step) : Math.floorDiv(width + step + 1, step);
        if (n <= 0) {
            throw new FilterError("empty range for randrange()");
        }
        return start + step * below(n);
    }

    void shuffle(List<Object> x) {
        for (int i = x.size() - 1; i > 0; i--) {
            int j = (int) below(i + 1L);
            Object t = x.get(i);
            x.set(i, x.get(j));
            x.set(j, t);
        }
    }
}
