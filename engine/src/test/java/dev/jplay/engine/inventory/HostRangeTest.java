package dev.jplay.engine.inventory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostRangeTest {

    @Test
    void expandsNumbersLettersStepsAndSeveralRanges() {
        assertEquals(List.of("web01", "web02", "web03"), HostRange.expand("web[01:03]"));
        assertEquals(List.of("web8", "web9", "web10"), HostRange.expand("web[8:10]"));
        assertEquals(List.of("n08", "n09", "n10"), HostRange.expand("n[08:10]"));
        assertEquals(List.of("db-a.x", "db-b.x", "db-c.x"), HostRange.expand("db-[a:c].x"));
        assertEquals(List.of("h1", "h3", "h5"), HostRange.expand("h[1:5:2]"));
        assertEquals(List.of("sa", "sd", "sg"), HostRange.expand("s[a:g:3]"));
        assertEquals(List.of("xy", "xz", "xA"), HostRange.expand("x[y:A]"), "Ansible walks ascii_letters: a-z then A-Z");
        assertEquals(List.of("r1-a", "r1-b", "r2-a", "r2-b"), HostRange.expand("r[1:2]-[a:b]"));
        assertEquals(List.of("h0", "h1"), HostRange.expand("h[:1]"), "an empty start means 0");
    }

    @Test
    void badRangesSayWhatIsExpected() {
        assertTrue(assertThrows(HostRange.RangeError.class, () -> HostRange.expand("web[1:x]")).getMessage()
                .contains("numbers or single letters"));
        assertTrue(assertThrows(HostRange.RangeError.class, () -> HostRange.expand("web[1]")).getMessage()
                .contains("[begin:end]"));
        assertTrue(assertThrows(HostRange.RangeError.class, () -> HostRange.expand("web[1:]")).getMessage()
                .contains("end value"));
        assertTrue(assertThrows(HostRange.RangeError.class, () -> HostRange.expand("web[10:01]")).getMessage()
                .contains("must not start after its end, got [10:01]"), "Ansible's silent empty group hides the typo");
        assertTrue(assertThrows(HostRange.RangeError.class, () -> HostRange.expand("r[5:1]")).getMessage()
                .contains("start after its end"));
        assertTrue(assertThrows(HostRange.RangeError.class, () -> HostRange.expand("web[01:100]")).getMessage()
                .contains("equal length"));
        assertTrue(assertThrows(HostRange.RangeError.class, () -> HostRange.expand("web[c:a]")).getMessage()
                .contains("begin <= end"));
        assertTrue(assertThrows(HostRange.RangeError.class, () -> HostRange.expand("web[1:3:0]")).getMessage()
                .contains("zero"));
        assertTrue(assertThrows(HostRange.RangeError.class, () -> HostRange.expand("web[1:3")).getMessage()
                .contains("closing ']'"));
        assertTrue(assertThrows(HostRange.RangeError.class, () -> HostRange.expand("w[0:9999999]")).getMessage()
                .contains("more than"));
    }

    @Test
    void addressesSplitOffPortsLikeAnsible() {
        assertEquals(new HostAddress("host", 22), HostAddress.parse("host:22", true).orElseThrow());
        assertEquals(new HostAddress("192.0.2.1", 2222), HostAddress.parse("192.0.2.1:2222", true).orElseThrow());
        assertEquals(new HostAddress("2001:db8::7", 2200), HostAddress.parse("[2001:db8::7]:2200", true).orElseThrow());
        assertEquals(new HostAddress("2001:db8::8", null), HostAddress.parse("2001:db8::8", true).orElseThrow());
        assertEquals(new HostAddress("web[01:09]", 22), HostAddress.parse("web[01:09]:22", true).orElseThrow());
        assertEquals(new HostAddress("web.example.com", null), HostAddress.parse("web.example.com", true).orElseThrow());
        assertFalse(HostAddress.parse("web[1:2]", false).isPresent(), "ranges refused when not allowed");
        assertFalse(HostAddress.parse("bad host", true).isPresent());
        assertFalse(HostAddress.parse("web*", true).isPresent());
    }
}
