package dev.jplay.modules.commands;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Ansible's {@code start}, {@code end} and {@code delta} of a command, in Python's {@code str()} of
 * datetime and timedelta ({@code 2024-05-01 10:00:00.123456}, {@code 0:00:00.004512}). Measured on
 * the controller around the command's round trip, so they include the network time.
 */
public record CommandTimes(String start, String end, String delta) {
    private static final DateTimeFormatter PYTHON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    public static CommandTimes between(LocalDateTime start, LocalDateTime end) {
        return new CommandTimes(PYTHON.format(start), PYTHON.format(end), delta(Duration.between(start, end)));
    }

    /** Python's timedelta text: {@code H:MM:SS[.ffffff]}, with {@code N day(s), } in front when needed. */
    static String delta(Duration d) {
        long micros = d.toNanos() / 1000;
        long days = micros / 86_400_000_000L;
        long rest = micros % 86_400_000_000L;
        long h = rest / 3_600_000_000L;
        long m = rest / 60_000_000L % 60;
        long s = rest / 1_000_000L % 60;
        long us = rest % 1_000_000L;
        String text = String.format("%d:%02d:%02d", h, m, s) + (us == 0 ? "" : String.format(".%06d", us));
        return days == 0 ? text : days + (days == 1 ? " day, " : " days, ") + text;
    }
}
