package dev.gitlablink.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client would send as written: the request target goes on
 * the wire byte for byte (matrix parameters, dot segments, doubled slashes, percent-encodings), and so do
 * header names and values (repeated, huge, odd characters; a {@code Host} given replaces the real one). One request
 * per connection.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Talks to the service under test. */
    public static RawHttp to(TestSettings settings) {
        return new RawHttp("127.0.0.1", settings.httpPort());
    }

    /** One answer: status, headers (names lower case, in order) and body. */
    public record Answer(int status, List<Map.Entry<String, String>> headers, String body) {

        public List<String> headers(String name) {
            return headers.stream().filter(h -> h.getKey().equals(name.toLowerCase(Locale.ROOT)))
                    .map(Map.Entry::getValue).toList();
        }

        public String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.getFirst();
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** A request with {@code headers} as given (each a full {@code Name: value} line without CRLF). */
    public Answer send(String method, String target, List<String> headers, String body) {
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (headers.stream().noneMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5))) {
            request.append("Host: ").append(host).append(':').append(port).append("\r\n");
        }
        request.append("Connection: close\r\n");
        headers.forEach(header -> request.append(header).append("\r\n"));
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        boolean lengthGiven = headers.stream().anyMatch(h -> h.regionMatches(true, 0, "Content-Length:", 0, 15));
        if (!lengthGiven && (body != null || !method.equals("GET") && !method.equals("HEAD"))) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(readUntilClosed(socket.getInputStream()), method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException("raw " + method + " " + target + " failed", e);
        }
    }

    public Answer send(String method, String target, List<String> headers) {
        return send(method, target, headers, null);
    }

    /**
     * Everything the server sent. A server that closes with part of a hostile request unread resets the connection
     * after its answer; the answer read before the reset counts.
     */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                received.write(buffer, 0, read);
            }
        } catch (java.net.SocketException e) {
            if (received.size() == 0) {
                throw e;
            }
        }
        return received.toByteArray();
    }

    private static Answer parse(byte[] raw, boolean head) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer head: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Map<String, String> first = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            headers.add(Map.entry(name, value));
            first.putIfAbsent(name, value);
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean chunked = "chunked".equalsIgnoreCase(first.get("transfer-encoding"));
        byte[] body = head ? new byte[0] : chunked ? dechunk(rest) : rest;
        return new Answer(status, List.copyOf(headers), new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
