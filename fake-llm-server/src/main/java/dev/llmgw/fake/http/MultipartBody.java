package dev.llmgw.fake.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A multipart/form-data body read whole (the fake's uploads are small): its parts, each
 * with a name, a filename for files, and its bytes.
 */
public final class MultipartBody {

	private MultipartBody() {
	}

	/**
	 * @param name the part's field name
	 * @param filename the file's name, null for a plain field
	 * @param content the part's bytes
	 */
	public record Part(@Nullable String name, @Nullable String filename, byte[] content) {

		public String text() {
			return new String(this.content, StandardCharsets.UTF_8);
		}

	}

	/**
	 * @param body the request body
	 * @param contentType its Content-Type, with the boundary
	 * @return the parts, none when the body is not a form
	 */
	public static List<Part> parse(byte[] body, @Nullable String contentType) {
		int at = (contentType != null) ? contentType.indexOf("boundary=") : -1;
		if (at < 0) {
			return List.of();
		}
		String boundary = contentType.substring(at + "boundary=".length()).replace("\"", "").trim();
		byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
		List<Part> parts = new ArrayList<>();
		int start = indexOf(body, delimiter, 0);
		while (start >= 0) {
			int headStart = start + delimiter.length;
			if (headStart + 1 < body.length && body[headStart] == '-' && body[headStart + 1] == '-') {
				break;
			}
			headStart += 2;
			int headEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headStart);
			int next = (headEnd < 0) ? -1 : indexOf(body, delimiter, headEnd);
			if (next < 0) {
				break;
			}
			String head = new String(body, headStart, headEnd - headStart, StandardCharsets.UTF_8);
			parts.add(new Part(attribute(head, "name"), attribute(head, "filename"),
					Arrays.copyOfRange(body, headEnd + 4, next - 2)));
			start = next;
		}
		return parts;
	}

	private static @Nullable String attribute(String head, String name) {
		for (String marker : new String[] { " " + name + "=\"", ";" + name + "=\"" }) {
			int at = head.indexOf(marker);
			if (at >= 0) {
				int end = head.indexOf('"', at + marker.length());
				return head.substring(at + marker.length(), end);
			}
		}
		return null;
	}

	private static int indexOf(byte[] data, byte[] wanted, int from) {
		outer: for (int i = Math.max(0, from); i <= data.length - wanted.length; i++) {
			for (int j = 0; j < wanted.length; j++) {
				if (data[i + j] != wanted[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
