package dev.llmgw.gateway.providers;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NotYetConnectedException;
import java.util.concurrent.TimeoutException;

import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.TimeoutError;
import dev.llmgw.gateway.error.UpstreamUnavailableError;
import dev.llmgw.gateway.providers.Deployment;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Maps network failures of a provider call, which every adapter shares, to the gateway's
 * error family. The message names the model group and the provider, never the endpoint's
 * credentials.
 */
public final class TransportErrors {

	private TransportErrors() {
	}

	public static Throwable map(Throwable error, Deployment deployment, boolean streaming) {
		if (error instanceof GatewayError) {
			return error;
		}
		String who = deployment.provider().name() + " (model " + deployment.modelName() + ")";
		if (error instanceof ReadTimeoutException || error instanceof TimeoutException) {
			double seconds = (streaming ? deployment.streamTimeout() : deployment.timeout()).toMillis() / 1000.0;
			return new TimeoutError("litellm.Timeout: " + who + " did not answer within " + seconds + "s"
					+ (streaming ? " (stream_timeout)" : " (timeout)"));
		}
		if (error instanceof ConnectTimeoutException || error instanceof ConnectException
				|| error instanceof UnknownHostException) {
			return new UpstreamUnavailableError(
					"litellm.APIConnectionError: cannot connect to " + who + ": " + error.getClass().getSimpleName());
		}
		if (error instanceof PrematureCloseException || error instanceof ClosedChannelException) {
			return new UpstreamUnavailableError("litellm.APIConnectionError: " + who + " closed the connection early");
		}
		if (error instanceof NotYetConnectedException) {
			// Linux's ENOTCONN on a read: the socket was reset or closed before the
			// answer
			return new UpstreamUnavailableError(
					"litellm.APIConnectionError: the connection to " + who + " failed: it was no longer connected");
		}
		// a reset or broken pipe on the provider's socket (the JDK's or the native
		// transport's): the provider's side failed, not the gateway, and another attempt
		// may work. Other I/O errors (a spooled upload that cannot be read) stay faults
		// of the gateway.
		if (error instanceof SocketException || error instanceof Errors.NativeIoException) {
			return new UpstreamUnavailableError(
					"litellm.APIConnectionError: the connection to " + who + " failed: " + connectionFailure(error));
		}
		return error;
	}

	/** What the socket said (e.g. "Connection reset by peer"), without an address. */
	private static String connectionFailure(Throwable error) {
		String message = error.getMessage();
		if (message == null) {
			return error.getClass().getSimpleName();
		}
		int colon = message.lastIndexOf(':');
		// Netty's native messages read "recvAddress(..) failed: Connection reset by peer"
		String said = ((colon >= 0) ? message.substring(colon + 1) : message).strip();
		return said.isEmpty() ? error.getClass().getSimpleName() : said;
	}

}
