package dev.jplay.modules.net;

import dev.jplay.engine.spi.ModuleFailure;

import java.util.List;

/** A checksums file (sha256sum's format, or one bare digest) read as Ansible's get_url reads it. */
final class ChecksumList {
    private ChecksumList() {
    }

    static String find(String text, String fileName, String url) throws ModuleFailure {
        List<String> lines = text.lines().toList();
        if (lines.size() == 1 && lines.get(0).trim().split("\\s+").length == 1) {
            return lines.get(0).trim();
        }
        for (String line : lines) {
            String[] parts = line.split(" ", 2);
            if (parts.length == 2) {
                String name = parts[1].startsWith(" ") || parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
                if (name.replaceFirst("^[./]+", "").equals(fileName)) {
                    return parts[0];
                }
            }
        }
        throw new ModuleFailure("Unable to find a checksum for file '" + fileName + "' in '" + url + "'");
    }
}
