package dev.llmgw.gateway.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
		try (InputStream in = LuaScript.class.getResourceAsStream("/scripts/" + name)) {
			if (in == null) {
				throw new IllegalStateException("script " + name + " is missing from the jar");
			}
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
			return new LuaScript(name, text, HexFormat.of().formatHex(digest));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
