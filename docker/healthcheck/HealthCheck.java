import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The images' HEALTHCHECK: exits 0 when the URL answers 2xx within two seconds. A JRE
 * image has neither curl nor a compiler for a source-file launch, so this is compiled in
 * the build stage; it is not part of any service.
 */
public final class HealthCheck {

	private HealthCheck() {
	}

	public static void main(String[] args) {
		try {
			HttpURLConnection connection = (HttpURLConnection) URI.create(args[0]).toURL().openConnection();
			connection.setConnectTimeout(2000);
			connection.setReadTimeout(2000);
			int status = connection.getResponseCode();
			System.exit((status >= 200 && status < 300) ? 0 : 1);
		}
		catch (Exception ex) {
			System.exit(1);
		}
	}

}
