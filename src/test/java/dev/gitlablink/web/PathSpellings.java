package dev.gitlablink.web;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Other spellings of one request path, the ones routers and filters tend to read differently: matrix parameters
 * in each segment, percent-encoded letters and slashes, {@code .} and {@code ..} segments (plain and encoded),
 * doubled and trailing slashes, upper case and a trailing {@code ;}.
 */
final class PathSpellings {

    /** One spelling: what it does, and the request target as it goes on the wire. */
    record Spelling(String kind, String target) {

        boolean hasMatrixParameters() {
            return target.indexOf(';') >= 0;
        }

        @Override
        public String toString() {
            return kind + ": " + target;
        }
    }

    private PathSpellings() {
    }

    /** Every spelling of {@code path} (an absolute path without query), the path itself not included. */
    static List<Spelling> of(String path) {
        List<String> segments = List.of(path.substring(1).split("/"));
        List<Spelling> spellings = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            spellings.add(new Spelling("matrix parameter in segment " + i, with(segments, i, segment + ";x=1")));
            spellings.add(new Spelling("empty matrix parameter in segment " + i, with(segments, i, segment + ";")));
            int index = i;
            encodeALetter(segments.get(i)).ifPresent(encoded -> spellings.add(
                    new Spelling("percent-encoded letter in segment " + index, with(segments, index, encoded))));
            spellings.add(new Spelling("'.' segment before segment " + i, insert(segments, i, ".")));
            spellings.add(new Spelling("'%2e' segment before segment " + i, insert(segments, i, "%2e")));
            spellings.add(new Spelling("'x/..' before segment " + i, insert(segments, i, "x/..")));
            spellings.add(new Spelling("'x/%2e%2e' before segment " + i, insert(segments, i, "x/%2e%2e")));
            spellings.add(new Spelling("doubled slash before segment " + i, insert(segments, i, "")));
            spellings.add(new Spelling("upper-case segment " + i,
                    with(segments, i, segments.get(i).toUpperCase(Locale.ROOT))));
        }
        for (int i = 1; i < segments.size(); i++) {
            spellings.add(new Spelling("percent-encoded slash before segment " + i,
                    "/" + String.join("/", segments.subList(0, i)) + "%2F" + String.join("/", segments.subList(i,
                            segments.size()))));
        }
        spellings.add(new Spelling("all slashes percent-encoded", "/" + String.join("%2F", segments)));
        spellings.add(new Spelling("trailing slash", path + "/"));
        spellings.add(new Spelling("trailing '/.'", path + "/."));
        spellings.add(new Spelling("trailing '/x/..'", path + "/x/.."));
        spellings.add(new Spelling("trailing ';'", path + ";"));
        spellings.add(new Spelling("trailing ';' after a slash", path + "/;"));
        spellings.add(new Spelling("matrix parameters in every segment",
                "/" + String.join(";x=1/", segments) + ";x=1"));
        spellings.add(new Spelling("encoded ';' in segment 0", with(segments, 0, segments.getFirst() + "%3Bx=1")));
        spellings.add(new Spelling("upper case", path.toUpperCase(Locale.ROOT)));
        spellings.add(new Spelling("leading doubled slash", "/" + path));
        spellings.add(new Spelling("'/..' above the root", "/.." + path));
        return spellings.stream().filter(spelling -> !spelling.target().equals(path)).distinct().toList();
    }

    private static String with(List<String> segments, int index, String replacement) {
        List<String> copy = new ArrayList<>(segments);
        copy.set(index, replacement);
        return "/" + String.join("/", copy);
    }

    private static String insert(List<String> segments, int index, String inserted) {
        List<String> copy = new ArrayList<>(segments);
        copy.add(index, inserted);
        return "/" + String.join("/", copy);
    }

    /** The segment with its first letter percent-encoded, if it has a letter. */
    private static java.util.Optional<String> encodeALetter(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isLetter(c) && c < 0x80) {
                return java.util.Optional.of(segment.substring(0, i) + "%" + HexFormat.of().withUpperCase()
                        .toHexDigits((byte) c) + segment.substring(i + 1));
            }
        }
        return java.util.Optional.empty();
    }
}
