package dev.jplay.modules.commands;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommandTimesTest {

    @Test
    void formatsLikePythonDatetimeAndTimedelta() {
        LocalDateTime start = LocalDateTime.of(2024, 5, 1, 10, 0, 0, 123_456_000);
        CommandTimes t = CommandTimes.between(start, start.plusNanos(4_512_000));
        assertEquals("2024-05-01 10:00:00.123456", t.start());
        assertEquals("2024-05-01 10:00:00.127968", t.end());
        assertEquals("0:00:00.004512", t.delta());
    }

    @Test
    void deltaOmitsZeroMicrosecondsAndShowsDays() {
        assertEquals("0:00:05", CommandTimes.delta(Duration.ofSeconds(5)));
        assertEquals("1:01:01.000001", CommandTimes.delta(Duration.ofSeconds(3661).plusNanos(1000)));
        assertEquals("1 day, 0:00:00", CommandTimes.delta(Duration.ofDays(1)));
        assertEquals("2 days, 0:00:01", CommandTimes.delta(Duration.ofDays(2).plusSeconds(1)));
    }
}
