package dev.llmgw.gateway.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import dev.llmgw.digest.Digests;

/**
 * A Lua script from resources/scripts, with the SHA-1 Redis knows it by, so that it is
 * sent by hash and in full only when Redis has not seen it yet.
 *
 * @param name the file name
 * @param text the script
 * @param sha1 its SHA-1, hex
 */
public record LuaScript(String name, String text, String sha1) {

	public static LuaScript load(String name) {
		return of(name, read(name));
	}

	/**
	 * A script that runs other scripts as local functions, so that several features'
	 * scripts run as one, atomically and in one round trip: each script {@code x.lua} is
	 * the function {@code x(KEYS, ARGV)} of the script {@code name}, which also has
	 * {@code slice(list, from, to)} to cut its own KEYS and ARGV into theirs.
	 * @param name the script that calls the others
	 * @param functions the scripts it calls
	 */
	public static LuaScript composed(String name, String... functions) {
		StringBuilder text = new StringBuilder();
		text.append("local function slice(list, from, to)\n")
			.append("  local part = {}\n")
			.append("  for i = from, to do part[#part + 1] = list[i] end\n")
			.append("  return part\n")
			.append("end\n");
		for (String function : functions) {
			text.append("local function ")
				.append(function, 0, function.length() - ".lua".length())
				.append("(KEYS, ARGV)\n")
				.append(read(function))
				.append("\nend\n");
		}
		return of(name, text.append(read(name)).toString());
	}

	private static LuaScript of(String name, String text) {
		return new LuaScript(name, text, HexFormat.of().formatHex(Digests.sha1(text.getBytes(StandardCharsets.UTF_8))));
	}

	private static String read(String name) {
		try (InputStream in = LuaScript.class.getResourceAsStream("/scripts/" + name)) {
			if (in == null) {
				throw new IllegalStateException("script " + name + " is missing from the jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
